import { Controller, Inject, type Type } from '@nestjs/common';
import { Handles, type MessageContract, Public } from '@ido/platform-messaging';
import { ServiceStatusReader } from './service-status';

/** The status handler every module serves under its own contract. */
export function statusController(contract: MessageContract): Type {
  // Liveness data for operators and peers; carries nothing tenant-specific.
  @Public()
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
