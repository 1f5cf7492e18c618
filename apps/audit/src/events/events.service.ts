import { Inject, Injectable } from '@nestjs/common';
import { auditV1, type ParsedRequestOf, type ReplyOf } from '@ido/internal-api';
import { viewOf } from './audit-row';
import { decodeCursor, encodeCursor } from './event-cursor';
import { EventsRepository } from './events.repository';

@Injectable()
export class EventsService {
  constructor(@Inject(EventsRepository) private readonly events: EventsRepository) {}

  /** One page newest first; the cursor continues strictly after its last item. */
  async list(tenant: string, request: ParsedRequestOf<typeof auditV1.eventsList>): Promise<ReplyOf<typeof auditV1.eventsList>> {
    const { limit, cursor, ...filter } = request;
    const rows = await this.events.page(tenant, filter, limit + 1, cursor ? decodeCursor(cursor) : undefined);
    const items = rows.slice(0, limit).map(viewOf);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ occurredAt: last.occurredAt, seq: last.seq }) : null };
  }
}
