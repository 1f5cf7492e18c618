import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Contract, contractSnapshot, type EventContract, eventSnapshot, eventSnapshotFileName, snapshotFileName } from '../src';

export const snapshotDir = join(import.meta.dirname, '..', 'snapshots');

export type SnapshotVerdict =
  | { kind: 'unchanged' }
  | { kind: 'missing'; file: string }
  | { kind: 'changed'; file: string; expected: string; actual: string };

/** A published version's frozen form and where it is committed. */
interface Frozen {
  file: string;
  snapshot: unknown;
}

const serialise = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const ofContract = (contract: Contract): Frozen => ({ file: snapshotFileName(contract), snapshot: contractSnapshot(contract) });
const ofEvent = (event: EventContract): Frozen => ({ file: eventSnapshotFileName(event), snapshot: eventSnapshot(event) });

function compare(frozen: Frozen, dir: string): SnapshotVerdict {
  const file = join(dir, frozen.file);
  if (!existsSync(file)) return { kind: 'missing', file };
  const expected = readFileSync(file, 'utf8');
  const actual = serialise(frozen.snapshot);
  return expected === actual ? { kind: 'unchanged' } : { kind: 'changed', file, expected, actual };
}

function write(frozen: Frozen, dir: string): string {
  const file = join(dir, frozen.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, serialise(frozen.snapshot));
  return file;
}

export const compareWithSnapshot = (contract: Contract, dir = snapshotDir) => compare(ofContract(contract), dir);
export const writeSnapshot = (contract: Contract, dir = snapshotDir) => write(ofContract(contract), dir);
export const compareEventWithSnapshot = (event: EventContract, dir = snapshotDir) => compare(ofEvent(event), dir);
export const writeEventSnapshot = (event: EventContract, dir = snapshotDir) => write(ofEvent(event), dir);
