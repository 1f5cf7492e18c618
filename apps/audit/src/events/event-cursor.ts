import { IdoError } from '@ido/platform-messaging';
import { z } from 'zod';

/** Where a page ended, newest first: the last item's (occurredAt, seq). Opaque to clients. */
export interface EventCursor {
  occurredAt: string;
  seq: number;
}

const cursorShape = z.object({ occurredAt: z.iso.datetime(), seq: z.number().int().min(1) }).strict();

export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string): EventCursor {
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    throw new IdoError('VALIDATION_FAILED', 'Invalid cursor', { field: 'cursor' });
  }
}
