import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  scenario: string;
  mode: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `total` calls of `call` with `concurrency` in flight; latency per call. */
export async function measure(scenario: string, mode: string, total: number, concurrency: number, call: () => Promise<unknown>): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < total) {
      next++;
      const t0 = process.hrtime.bigint();
      await call();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { scenario, mode, requests: total, perSecond: Math.round(total / seconds), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Benchmarks run from the workspace root (npm run bench…). */
export const workspaceRoot = process.cwd();

/** Prints the table and writes bench-reports/<name>.json at the workspace root. */
export function report(name: string, rows: object[], extra: Record<string, unknown> = {}): string {
  console.table(rows);
  const dir = join(workspaceRoot, 'bench-reports');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, rows, ...extra }, null, 2)}\n`);
  console.log(`report: ${file}`);
  return file;
}
