import { decodeCursor, encodeCursor } from './event-cursor';

describe('event cursor', () => {
  it('round-trips', () => {
    const cursor = { occurredAt: '2026-12-04T10:00:00.123Z', seq: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each(['', 'not-base64-json', Buffer.from('{"seq":1}').toString('base64url'), Buffer.from('{"occurredAt":"x","seq":1}').toString('base64url')])(
    'refuses %o as VALIDATION_FAILED',
    (value) => expect(() => decodeCursor(value)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' })),
  );
});
