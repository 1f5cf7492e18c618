import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The prev_hash of a tenant's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a record's hash covers: everything it says, plus its place in the tenant's chain. */
export interface ChainedRecord {
  tenant: string;
  seq: number;
  id: string;
  occurredAt: string;
  actor: { kind: string; id: string };
  action: string;
  entity: { type: string; id: string };
  before: unknown;
  after: unknown;
  requestId: string | null;
  traceId: string | null;
  source: string;
}

export interface ChainLink extends ChainedRecord {
  prevHash: string;
  hash: string;
}

/**
 * A record whose month was archived: its content is in that month's export, its
 * place in the chain (id, prev_hash, hash) stays in the log, recorded when it was detached.
 */
export interface ArchivedLink {
  seq: number;
  id: string;
  prevHash: string;
  hash: string;
  archived: true;
}

export type VerifiableLink = ChainLink | ArchivedLink;

/** Where a tenant's chain ends: the last record's seq and hash (0 and GENESIS_HASH when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const emptyChain: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** SHA-256 (hex) over the previous hash followed by the record's canonical JSON. */
export function linkHash(prevHash: string, record: ChainedRecord): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(record)).digest('hex');
}

/** Appends records (in insertion order) after `head`: numbers them and links each to the one before. */
export function extendChain(head: ChainHead, records: ReadonlyArray<Omit<ChainedRecord, 'seq'>>): ChainLink[] {
  let previous = head;
  return records.map((record) => {
    const numbered = { ...record, seq: previous.seq + 1 };
    const link = { ...numbered, prevHash: previous.hash, hash: linkHash(previous.hash, numbered) };
    previous = link;
    return link;
  });
}

export type ChainBreak =
  /** A record's content (or its stored prev_hash) no longer gives its hash: it was edited. */
  | { seq: number; id: string; reason: 'altered' }
  /** A record does not point at the one before it: something before it was removed or replaced. */
  | { seq: number; id: string; reason: 'unlinked' }
  /** A seq is absent: that record was deleted. */
  | { seq: number; reason: 'missing' };

/**
 * The first break in `links` (ordered by seq), continuing from `previous` — the
 * link just before the range, or the empty chain when the range starts at seq 1.
 * An archived link is present with its recorded hash: it must link to the one
 * before, and the next must link to it; its content is checked against its month's export, not here.
 */
export function firstBreak(previous: ChainHead, links: readonly VerifiableLink[]): ChainBreak | undefined {
  let expected = previous;
  for (const link of links) {
    if (link.seq !== expected.seq + 1) return { seq: expected.seq + 1, reason: 'missing' };
    if (link.prevHash !== expected.hash) return { seq: link.seq, id: link.id, reason: 'unlinked' };
    if (!('archived' in link) && isAltered(link)) return { seq: link.seq, id: link.id, reason: 'altered' };
    expected = link;
  }
  return undefined;
}

function isAltered({ prevHash, hash, ...record }: ChainLink): boolean {
  return linkHash(prevHash, record) !== hash;
}
