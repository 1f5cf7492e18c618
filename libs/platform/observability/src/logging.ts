import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import { requestContext } from './request-context';

export interface LoggingSettings {
  service: string;
  release: string;
  level: string;
}

const quietPaths = new Set(['/health/live', '/health/ready', '/metrics']);

/** JSON logs: service and release on every line, request id and tenant when in a request. */
export function pinoOptions(settings: LoggingSettings): LoggerOptions {
  return {
    level: settings.level,
    base: { service: settings.service, release: settings.release },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const context = requestContext.current();
      return context ? { requestId: context.requestId, tenant: context.tenant, subject: context.subject } : {};
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  };
}

/** Honours a caller's `x-request-id` (if sane) so one id follows a request across services. */
export function requestIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const header = request.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && /^[\w.:-]{1,128}$/.test(candidate) ? candidate : randomUUID();
}

function pathOf(request: IncomingMessage & { originalUrl?: string }): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0] ?? '';
}

export function nestLoggerParams(settings: LoggingSettings): Params {
  return {
    pinoHttp: {
      ...pinoOptions(settings),
      genReqId: requestIdOf,
      customAttributeKeys: { reqId: 'requestId' },
      // Middleware sees a path relative to its mount point; originalUrl is the real one.
      autoLogging: { ignore: (request) => quietPaths.has(pathOf(request)) },
      customProps: (request) => {
        const tenant = request.headers['ido-tenant'];
        return typeof tenant === 'string' ? { tenant } : {};
      },
    },
  };
}
