import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in 1/100 s ticks on every platform Node supports there. */
const ticksPerSecond = 100;

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc; undefined
 * where there is no /proc or the process is gone. Throughput on a shared 2-core
 * machine moves with whatever else runs; CPU per request barely does, so the
 * benchmarks report both.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** The named parts of one path under test, each a set of processes found when a measurement starts. */
export type CpuParts = Record<string, () => Promise<number[]>>;

/** CPU ms each part used while `work` ran. */
export async function cpuDuring<T>(parts: CpuParts, work: () => Promise<T>): Promise<{ result: T; cpuMs: Record<string, number> }> {
  const pids = Object.fromEntries(await Promise.all(Object.entries(parts).map(async ([name, find]) => [name, await find()] as const)));
  const total = (list: number[]) => list.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  const before = Object.fromEntries(Object.entries(pids).map(([name, list]) => [name, total(list)]));
  const result = await work();
  const cpuMs = Object.fromEntries(Object.entries(pids).map(([name, list]) => [name, total(list) - (before[name] ?? 0)]));
  return { result, cpuMs };
}
