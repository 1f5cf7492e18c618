/** Fiscal periods are calendar months, named `YYYY-MM`. */
export type PeriodName = string;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(value: string): boolean {
  const match = dayPattern.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function periodOf(day: string): PeriodName {
  if (!isDay(day)) throw new RangeError(`"${day}" is not a date (YYYY-MM-DD)`);
  return day.slice(0, 7);
}

export function isPeriodName(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** First day of the period after `period`. */
export function firstDayAfter(period: PeriodName): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return `${next}-01`;
}

/**
 * Where a reversal lands: on the requested date if its period is open, otherwise
 * (a closed period is never written to) the first day of the first open period after it.
 */
export function reversalDay(requested: string, isClosed: (period: PeriodName) => boolean): string {
  let day = requested;
  for (let guard = 0; isClosed(periodOf(day)); guard++) {
    if (guard > 1200) throw new RangeError('no open period within a hundred years');
    day = firstDayAfter(periodOf(day));
  }
  return day;
}
