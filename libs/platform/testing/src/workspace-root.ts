import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace root: the nearest folder up from `dir` holding nx.json (tests and tools run inside it). */
export function findWorkspaceRoot(dir = process.cwd()): string {
  if (existsSync(join(dir, 'nx.json'))) return dir;
  const parent = dirname(dir);
  if (parent === dir) throw new Error('not inside the workspace (no nx.json found)');
  return findWorkspaceRoot(parent);
}
