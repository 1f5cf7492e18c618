import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendFailure } from './send-failure';

/**
 * What Nest answers itself — an unknown route (it owns Fastify's not-found
 * handler), a failure of health or metrics — in the same error body as the API.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendFailure(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), exception);
  }
}
