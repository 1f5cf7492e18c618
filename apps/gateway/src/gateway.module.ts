import { Module } from '@nestjs/common';

/**
 * The public HTTP API (`/v1/...`) arrives with the gateway issue; until then the
 * gateway serves health and metrics and holds its NATS connection.
 */
@Module({})
export class GatewayModule {}
