import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns every plain Error into "Internal server error"
 * before a transport sees it. For RPC this hands the original error to
 * NatsTransport, which maps it onto the error model; HTTP keeps Nest's handling.
 */
@Catch()
export class TransportAwareExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
