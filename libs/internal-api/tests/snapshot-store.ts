import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Contract, contractSnapshot, snapshotFileName } from '../src';

export const snapshotDir = join(import.meta.dirname, '..', 'snapshots');

export type SnapshotVerdict =
  | { kind: 'unchanged' }
  | { kind: 'missing'; file: string }
  | { kind: 'changed'; file: string; expected: string; actual: string };

const serialise = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function compareWithSnapshot(contract: Contract, dir = snapshotDir): SnapshotVerdict {
  const file = join(dir, snapshotFileName(contract));
  if (!existsSync(file)) return { kind: 'missing', file };
  const expected = readFileSync(file, 'utf8');
  const actual = serialise(contractSnapshot(contract));
  return expected === actual ? { kind: 'unchanged' } : { kind: 'changed', file, expected, actual };
}

export function writeSnapshot(contract: Contract, dir = snapshotDir): string {
  const file = join(dir, snapshotFileName(contract));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, serialise(contractSnapshot(contract)));
  return file;
}
