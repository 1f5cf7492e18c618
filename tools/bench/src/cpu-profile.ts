import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The parts of a V8 `.cpuprofile` (node --cpu-prof) that self time needs. */
const cpuProfile = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame: z.object({ functionName: z.string(), url: z.string() }) })),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

export interface ProfileSummary {
  totalMs: number;
  /** Self time per package (node_modules/<pkg>), Node internals, own code (the bundle) or V8 state. */
  byOwner: Array<{ owner: string; ms: number; share: string }>;
  byFunction: Array<{ fn: string; owner: string; ms: number; share: string }>;
}

/** Where a process spent its CPU: self time grouped by who owns the code. */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = cpuProfile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, { owner: string; us: number }>();
  profile.samples.forEach((id, index) => {
    const frame = frames.get(id);
    const us = profile.timeDeltas[index] ?? 0;
    if (!frame) return;
    const owner = ownerOf(frame.url, frame.functionName);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}`;
    byFunction.set(fn, { owner, us: (byFunction.get(fn)?.us ?? 0) + us });
  });
  const totalUs = [...byOwner.values()].reduce((sum, us) => sum + us, 0);
  const share = (us: number) => `${((100 * us) / totalUs).toFixed(1)}%`;
  return {
    totalMs: Math.round(totalUs / 1000),
    byOwner: [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, top).map(([owner, us]) => ({ owner, ms: Math.round(us / 1000), share: share(us) })),
    byFunction: [...byFunction].sort((a, b) => b[1].us - a[1].us).slice(0, top).map(([fn, { owner, us }]) => ({ fn, owner, ms: Math.round(us / 1000), share: share(us) })),
  };
}

function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName || '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  return url.endsWith('main.js') ? 'own code (bundle)' : url;
}
