import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const workspaceRoot = join(import.meta.dirname, '..', '..', '..');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  elapsedMs: number;
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when `pattern` appears in stdout/stderr. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  finished: Promise<Finished>;
}

export function startProcess(args: string[], env: Record<string, string>): RunningProcess {
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: workspaceRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: Array<() => void> = [];
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const finished = new Promise<Finished>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output, elapsedMs: Date.now() - started })),
  );
  return {
    child,
    output: () => output,
    finished,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          }
        };
        waiters.push(check);
        check();
        void finished.then(() => {
          clearTimeout(timer);
          const match = output.match(pattern);
          if (match) resolve(match);
          else reject(new Error(`process exited before ${pattern}; output:\n${output}`));
        });
      }),
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port with `count` free ports above it, for the launcher's IDO_HTTP_PORT_BASE. */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => portIsFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port range found');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
