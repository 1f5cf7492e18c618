#!/usr/bin/env node
// Starts the seven built services (dist/apps/*/main.js) as separate processes,
// exactly as production runs them, waits until each answers /health/ready,
// prints where each listens, and stops them all on Ctrl-C (SIGINT) or SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const catalog = JSON.parse(readFileSync(join(root, 'libs/platform/config/src/services.json'), 'utf8'));
const portBase = process.env.IDO_HTTP_PORT_BASE ? Number(process.env.IDO_HTTP_PORT_BASE) : undefined;
const readyTimeoutMs = Number(process.env.IDO_READY_TIMEOUT_MS || 60_000);
const stopTimeoutMs = 15_000;
const width = Math.max(...catalog.map((s) => s.name.length));

const services = catalog.map((descriptor, index) => ({
  ...descriptor,
  port: portBase === undefined ? descriptor.httpPort : portBase + index,
  main: join(root, 'dist/apps', descriptor.name, 'main.js'),
}));

const missing = services.filter((s) => !existsSync(s.main));
if (missing.length) {
  console.error(`not built: ${missing.map((s) => s.name).join(', ')} — run \`npm run build\` (npm start does it for you)`);
  process.exit(1);
}

let stopping = false;
const children = services.map((service) => {
  const child = spawn(process.execPath, ['--enable-source-maps', service.main], {
    env: { ...process.env, HTTP_PORT: String(service.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${service.name.padEnd(width)} | ${line}`));
  }
  child.on('exit', (code, signal) => {
    service.exited = true;
    if (!stopping) {
      console.error(`${service.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the others`);
      void stopAll(1);
    }
  });
  return { service, child };
});

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

const started = Date.now();
const results = await Promise.all(children.map(({ service }) => waitUntilReady(service)));
if (!stopping) {
  if (results.every(Boolean)) {
    const table = children.map(({ service, child }) =>
      `  ${service.name.padEnd(width)}  http://127.0.0.1:${service.port}  pid ${child.pid}  ready in ${(service.readyAfterMs / 1000).toFixed(1)} s`,
    );
    console.log(`\nido-crm: all ${services.length} services ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n${table.join('\n')}`);
    console.log(`  health: /health/live, /health/ready   metrics: /metrics   Ctrl-C stops everything\n`);
  } else {
    const late = services.filter((_, i) => !results[i]).map((s) => s.name);
    console.error(`not ready within ${readyTimeoutMs} ms: ${late.join(', ')}; stopping`);
    await stopAll(1);
  }
}

async function waitUntilReady(service) {
  const deadline = Date.now() + readyTimeoutMs;
  while (!stopping && !service.exited && Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        service.readyAfterMs = Date.now() - started;
        return true;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  const running = children.filter(({ service }) => !service.exited);
  console.log(`stopping ${running.map(({ service }) => service.name).join(', ') || 'nothing'}…`);
  const exits = running.map(({ child }) => new Promise((resolve) => child.once('exit', resolve)));
  for (const { child } of running) child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const { child } of running) child.kill('SIGKILL');
  }, stopTimeoutMs);
  await Promise.all(exits);
  clearTimeout(timer);
  console.log('all services stopped');
  process.exit(exitCode);
}
