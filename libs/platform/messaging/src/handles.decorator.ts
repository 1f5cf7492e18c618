import { MessagePattern } from '@nestjs/microservices';
import type { MessageContract } from './message-contract';

/**
 * Marks a controller method as the handler of a contract. The transport validates
 * the request before the method runs and the reply after it returns.
 */
export function Handles(contract: MessageContract): MethodDecorator {
  return MessagePattern(contract.subject, { contract });
}
