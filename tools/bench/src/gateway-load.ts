import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { workspaceRoot } from './measure';

/** What an autocannon run reports, the parts the benchmark reads. */
const autocannonResult = z.object({
  requests: z.object({ average: z.number(), total: z.number() }),
  latency: z.object({ p50: z.number(), p99: z.number() }),
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number(),
});
export type LoadResult = z.output<typeof autocannonResult>;

export interface Load {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

/**
 * One autocannon run, in a process of its own so the load generator does not
 * share an event loop with what it measures.
 */
export function runLoad({ url, headers = {}, connections, seconds }: Load): Promise<LoadResult> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const args = [join(workspaceRoot, 'node_modules/autocannon/autocannon.js'), '-j', '-c', String(connections), '-d', String(seconds), ...headerArgs, url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      try {
        resolve(autocannonResult.parse(JSON.parse(output)));
      } catch (error) {
        reject(error);
      }
    });
  });
}
