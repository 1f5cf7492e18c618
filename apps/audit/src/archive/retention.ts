import { type MonthPartition, monthPartition } from '../store/partitions';

const partitionName = /^audit_events_y(\d{4})m(\d{2})$/;

/**
 * The partitions to archive now, oldest first: those of whole months before the
 * current month and the `retentionMonths` months before it. With 1, on any day of
 * December the log keeps December and November and archives October and older;
 * the current month and a future one are never due. Names that are not monthly
 * partitions are ignored.
 */
export function monthsDue(partitionNames: readonly string[], now: Date, retentionMonths: number): MonthPartition[] {
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1) throw new Error(`retention must be a whole number of months >= 1, not ${retentionMonths}`);
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - retentionMonths, 1));
  return partitionNames
    .map(partitionOfName)
    .filter((partition): partition is MonthPartition => partition !== undefined && partition.to <= cutoff)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

function partitionOfName(name: string): MonthPartition | undefined {
  const match = partitionName.exec(name);
  const [year, month] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || month < 1 || month > 12) return undefined;
  return monthPartition(new Date(Date.UTC(year, month - 1, 1)));
}

/** `2019-01`: how an archive names its month. */
export function monthLabel(partition: MonthPartition): string {
  return partition.from.toISOString().slice(0, 7);
}

/**
 * The files' base name: `audit-2019-01`, and `audit-2019-01.part2` for records of
 * that month that arrived after it was archived (a later part never overwrites an earlier one).
 */
export function archiveBaseName(partition: MonthPartition, part: number): string {
  return `audit-${monthLabel(partition)}${part > 1 ? `.part${part}` : ''}`;
}
