import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { HANDLES_CONTRACT } from './handles.decorator';
import type { MessageContract } from './message-contract';
import type { HandlerMetadata, NatsTransport } from './nats-transport';

/** Finds every `@Handles` method of the app's controllers and routes its contract to it. */
export function registerHandlers(transport: NatsTransport, discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): void {
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance) continue;
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const method = instance[name] as (request: unknown) => unknown;
      const contract = reflector.get<MessageContract | undefined>(HANDLES_CONTRACT, method);
      if (!contract) continue;
      const controller = instance.constructor as () => unknown;
      // Method metadata wins over the controller's (e.g. one public handler in a guarded controller).
      const metadata: HandlerMetadata = <T>(key: string) => (reflector.get(key, method) ?? reflector.get(key, controller)) as T | undefined;
      transport.register(contract, (request) => method.call(instance, request), metadata);
    }
  }
}
