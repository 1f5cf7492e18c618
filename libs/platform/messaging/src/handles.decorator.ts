import { SetMetadata } from '@nestjs/common';
import type { MessageContract } from './message-contract';

/** Metadata key under which `@Handles` records a method's contract. */
export const HANDLES_CONTRACT = 'ido:handles-contract';

/**
 * Marks a controller method as the handler of a contract. The transport validates
 * the request before the method runs and the reply after it returns.
 */
export function Handles(contract: MessageContract): MethodDecorator {
  return SetMetadata(HANDLES_CONTRACT, contract);
}

/** Metadata key of `@Public()`. */
export const PUBLIC_HANDLER = 'ido:public-handler';

/**
 * Marks a handler (or a whole controller) as callable without an access token:
 * login, JWKS, status. The identity guard refuses any handler that declares no rule.
 */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_HANDLER, true);
}
