import { firstDayAfter, isDay, isPeriodName, periodOf, reversalDay } from './fiscal-period';

describe('fiscal periods', () => {
  it('names a day by its month', () => {
    expect(periodOf('2026-12-04')).toBe('2026-12');
    expect(() => periodOf('2026-02-30')).toThrow(/not a date/);
    expect([isDay('2024-02-29'), isDay('2025-02-29'), isDay('2026-13-01'), isDay('26-01-01')]).toEqual([true, false, false, false]);
    expect([isPeriodName('2026-01'), isPeriodName('2026-13'), isPeriodName('2026-1')]).toEqual([true, false, false]);
  });

  it('finds the first day after a period, across years', () => {
    expect(firstDayAfter('2026-11')).toBe('2026-12-01');
    expect(firstDayAfter('2026-12')).toBe('2027-01-01');
  });

  it('keeps a reversal in an open period, moving it past closed ones', () => {
    const closed = new Set(['2026-10', '2026-11']);
    expect(reversalDay('2026-12-15', (p) => closed.has(p))).toBe('2026-12-15');
    expect(reversalDay('2026-10-20', (p) => closed.has(p))).toBe('2026-12-01');
  });
});
