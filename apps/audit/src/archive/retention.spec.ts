import { archiveBaseName, monthLabel, monthsDue } from './retention';
import { monthPartition } from '../store/partitions';

const names = (...months: string[]) => months.map((m) => `audit_events_y${m.slice(0, 4)}m${m.slice(5, 7)}`);
const due = (existing: string[], now: string, months: number) => monthsDue(existing, new Date(now), months).map(monthLabel);

describe('monthsDue', () => {
  const existing = names('2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02');

  it('keeps the current month and the retained ones before it, archives older whole months', () => {
    expect(due(existing, '2026-12-15T12:00:00Z', 1)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(due(existing, '2026-12-15T12:00:00Z', 2)).toEqual(['2026-08', '2026-09']);
  });

  it('gives the same answer on the first and the last instant of the current month', () => {
    expect(due(existing, '2026-12-01T00:00:00.000Z', 1)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(due(existing, '2026-12-31T23:59:59.999Z', 1)).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  it('moves on at midnight UTC of the next month, whatever the local offset', () => {
    expect(due(existing, '2027-01-01T00:00:00Z', 1)).toContain('2026-11');
    expect(due(existing, '2026-12-31T23:30:00-02:00', 1)).toContain('2026-11');
  });

  it('never archives the current or a future month', () => {
    expect(due(existing, '2027-02-10T00:00:00Z', 1)).not.toContain('2027-02');
    expect(due(existing, '2020-01-01T00:00:00Z', 1)).toEqual([]);
  });

  it('counts back across a year end', () => {
    expect(due(existing, '2027-02-10T00:00:00Z', 3)).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  it('takes 7 years as 84 months', () => {
    expect(due(names('2019-11', '2019-12', '2020-01'), '2026-12-04T00:00:00Z', 84)).toEqual(['2019-11']);
  });

  it('returns the oldest first, whatever order the partitions were listed in', () => {
    expect(due(names('2026-10', '2026-08', '2026-09'), '2026-12-15T00:00:00Z', 1)).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  it('ignores tables that are not monthly partitions', () => {
    expect(due(['audit_events_default', 'audit_events_y2026m13', 'audit_events_y2026m00', ...names('2026-01')], '2026-12-01T00:00:00Z', 1)).toEqual(['2026-01']);
  });

  it('is empty when there is nothing old', () => {
    expect(due([], '2026-12-01T00:00:00Z', 1)).toEqual([]);
  });

  it.each([0, -1, 1.5, NaN])('refuses a retention of %s months', (months) => {
    expect(() => monthsDue(existing, new Date('2026-12-01T00:00:00Z'), months)).toThrow(/retention/);
  });

  it('returns the month bounds of each due partition', () => {
    expect(monthsDue(names('2026-02'), new Date('2026-12-01T00:00:00Z'), 1)).toEqual([monthPartition(new Date('2026-02-10T00:00:00Z'))]);
  });
});

describe('archiveBaseName', () => {
  const march = monthPartition(new Date('2019-03-05T00:00:00Z'));

  it('names the first export of a month after the month', () => {
    expect(archiveBaseName(march, 1)).toBe('audit-2019-03');
  });

  it('numbers a later part, so that it never overwrites the first', () => {
    expect(archiveBaseName(march, 2)).toBe('audit-2019-03.part2');
  });
});
