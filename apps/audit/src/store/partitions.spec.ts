import { monthPartition, partitionsAhead } from './partitions';

describe('monthPartition', () => {
  it('names and bounds the UTC month of an instant', () => {
    expect(monthPartition(new Date('2026-12-04T18:00:00Z'))).toEqual({
      name: 'audit_events_y2026m12',
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it('puts the first and last instants of a month in it, and midnight UTC in the next', () => {
    expect(monthPartition(new Date('2026-03-01T00:00:00.000Z')).name).toBe('audit_events_y2026m03');
    expect(monthPartition(new Date('2026-03-31T23:59:59.999Z')).name).toBe('audit_events_y2026m03');
    expect(monthPartition(new Date('2026-04-01T00:00:00.000Z')).name).toBe('audit_events_y2026m04');
  });

  it('uses UTC, not the local offset of the instant', () => {
    expect(monthPartition(new Date('2026-04-30T23:30:00-02:00')).name).toBe('audit_events_y2026m05');
  });

  it('handles February of a leap year', () => {
    expect(monthPartition(new Date('2028-02-29T12:00:00Z')).to).toEqual(new Date('2028-03-01T00:00:00Z'));
  });
});

describe('partitionsAhead', () => {
  it('is the current month and the next two, across a year end', () => {
    expect(partitionsAhead(new Date('2026-11-15T00:00:00Z')).map((p) => p.name)).toEqual([
      'audit_events_y2026m11',
      'audit_events_y2026m12',
      'audit_events_y2027m01',
    ]);
  });

  it('takes another horizon', () => {
    expect(partitionsAhead(new Date('2026-01-31T00:00:00Z'), 0).map((p) => p.name)).toEqual(['audit_events_y2026m01']);
  });
});
