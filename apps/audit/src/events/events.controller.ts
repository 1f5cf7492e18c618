import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { auditPermissions as can, auditV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { EventsService } from './events.service';

/** The tenant's audit log: the tenant always comes from the verified token. */
@Controller()
export class EventsController {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  @Requires(can.eventRead)
  @Handles(auditV1.eventsList)
  list(request: ParsedRequestOf<typeof auditV1.eventsList>) {
    return this.events.list(currentActor().tenant, request);
  }
}
