/** One month's partition of audit_events: [from, to) in UTC. */
export interface MonthPartition {
  name: string;
  from: Date;
  to: Date;
}

/** The month containing `at` (UTC), named `audit_events_yYYYYmMM`. */
export function monthPartition(at: Date): MonthPartition {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  return {
    name: `audit_events_y${String(year).padStart(4, '0')}m${String(month + 1).padStart(2, '0')}`,
    from: new Date(Date.UTC(year, month, 1)),
    to: new Date(Date.UTC(year, month + 1, 1)),
  };
}

/** The partitions that must exist ahead of time: the current month and the `ahead` following ones. */
export function partitionsAhead(now: Date, ahead = 2): MonthPartition[] {
  return Array.from({ length: ahead + 1 }, (_, i) => monthPartition(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1))));
}
