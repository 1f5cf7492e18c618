import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedArtefacts, workspaceRoot } from './artefacts';

/* npm run ops:generate — rewrites the service charts and dashboards from tools/ops/src. */
for (const [path, content] of generatedArtefacts()) {
  const file = join(workspaceRoot, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`wrote ${path}`);
}
