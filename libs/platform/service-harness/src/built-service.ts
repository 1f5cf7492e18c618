import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot, infrastructureUrls } from '@ido/platform-testing';

export interface BuiltService {
  process: ChildProcess;
  /** Its HTTP listener (health, metrics). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs another service's built bundle (dist/apps/<name>/main.js) as a process in
 * the test's namespace — how a service's specs use a real peer (e.g. identity
 * issuing real tokens) without importing a sibling app. The spec's project must
 * depend on that app's build.
 */
export async function startBuiltService(name: string, options: { namespace: string; env?: Record<string, string> }): Promise<BuiltService> {
  const main = join(findWorkspaceRoot(), 'dist', 'apps', name, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is not built: run \`nx run ${name}:build\``);
  const { databaseUrl, natsUrl } = infrastructureUrls();
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, IDO_NAMESPACE: options.namespace, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child, name);
  return {
    process: child,
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The URL from the service's "listening" log line; rejects with its output if it exits first. */
function listeningUrl(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 30 s:\n${output}`)), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*listening/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', read);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code} before listening:\n${output}`)));
  });
}
