import { Controller, Module } from '@nestjs/common';
import { defineContract, defineRoutes, publicAccess } from '@ido/internal-api';
import { Handles, Public } from '@ido/platform-messaging';
import { z } from 'zod';

/** A second service behind the gateway in its specs, to be stopped while the probe service runs on. */
export const pingGet = defineContract({ module: 'ping', entity: 'ping', verb: 'get', version: 1, request: z.object({}).strict(), reply: z.object({ pong: z.literal(true) }).strict() });

export const pingRoutes = defineRoutes([{ method: 'GET', path: '/v1/ping', contract: pingGet, access: publicAccess }]);

@Public()
@Controller()
class PingController {
  @Handles(pingGet)
  ping() {
    return { pong: true as const };
  }
}

@Module({ controllers: [PingController] })
export class PingModule {}
