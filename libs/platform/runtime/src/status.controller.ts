import { Controller, Inject, type Type } from '@nestjs/common';
import { Handles, type MessageContract } from '@ido/platform-messaging';
import { ServiceStatusReader } from './service-status';

/** The status handler every module serves under its own contract. */
export function statusController(contract: MessageContract): Type {
  @Controller()
  class StatusController {
    constructor(@Inject(ServiceStatusReader) private readonly status: ServiceStatusReader) {}

    @Handles(contract)
    get() {
      return this.status.read();
    }
  }
  return StatusController;
}
