import { type ArchivedLink, type ChainLink, type ChainedRecord, type VerifiableLink, emptyChain, extendChain, firstBreak, GENESIS_HASH, linkHash } from './hash-chain';

const record = (n: number): Omit<ChainedRecord, 'seq'> => ({
  tenant: 'acme',
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  occurredAt: '2026-12-04T10:00:00.000Z',
  actor: { kind: 'user', id: 'u-1' },
  action: 'sales.lead.update',
  entity: { type: 'lead', id: `l-${n}` },
  before: { stage: 'new' },
  after: { stage: 'won', amount: n },
  requestId: 'req',
  traceId: null,
  source: 'sales',
});

const chainOf = (count: number) => extendChain(emptyChain, Array.from({ length: count }, (_, i) => record(i + 1)));

describe('extendChain', () => {
  it('numbers records from the head and links each to the previous hash', () => {
    const [first, second] = chainOf(2) as [ChainLink, ChainLink];
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('continues an existing chain exactly as one long extension would', () => {
    const whole = chainOf(4);
    const head = whole[1] as ChainLink;
    const continued = extendChain({ seq: head.seq, hash: head.hash }, [record(3), record(4)]);
    expect(continued).toEqual(whole.slice(2));
  });

  it('gives nothing for no records', () => {
    expect(extendChain(emptyChain, [])).toEqual([]);
  });
});

describe('linkHash', () => {
  it('does not depend on key order (canonical JSON)', () => {
    const a: ChainedRecord = { ...record(1), seq: 1 };
    const { tenant, seq, id, ...rest } = a;
    const reordered: ChainedRecord = { ...rest, id, seq, tenant, entity: { id: a.entity.id, type: a.entity.type } };
    expect(Object.keys(reordered)).not.toEqual(Object.keys(a));
    expect(linkHash(GENESIS_HASH, reordered)).toBe(linkHash(GENESIS_HASH, a));
  });

  it('changes with any field and with the previous hash', () => {
    const a = { ...record(1), seq: 1 };
    const base = linkHash(GENESIS_HASH, a);
    expect(linkHash(GENESIS_HASH, { ...a, after: { stage: 'lost', amount: 1 } })).not.toBe(base);
    expect(linkHash(GENESIS_HASH, { ...a, seq: 2 })).not.toBe(base);
    expect(linkHash('f'.repeat(64), a)).not.toBe(base);
  });
});

describe('firstBreak', () => {
  it('finds none in an intact chain, from the start or from the middle', () => {
    const chain = chainOf(5);
    expect(firstBreak(emptyChain, chain)).toBeUndefined();
    const before = chain[1] as ChainLink;
    expect(firstBreak({ seq: before.seq, hash: before.hash }, chain.slice(2))).toBeUndefined();
    expect(firstBreak(emptyChain, [])).toBeUndefined();
  });

  it('reports an edited field as altered at that record', () => {
    const chain = chainOf(5);
    chain[2] = { ...(chain[2] as ChainLink), action: 'sales.lead.delete' };
    expect(firstBreak(emptyChain, chain)).toEqual({ seq: 3, id: record(3).id, reason: 'altered' });
  });

  it('reports an edited hash as the next record no longer linking to it', () => {
    const chain = chainOf(5);
    chain[1] = { ...(chain[1] as ChainLink), hash: 'a'.repeat(64) };
    // The edited row itself now fails its own recomputation first.
    expect(firstBreak(emptyChain, chain)).toEqual({ seq: 2, id: record(2).id, reason: 'altered' });
  });

  it('reports a deleted record as missing', () => {
    const chain = chainOf(5);
    chain.splice(3, 1);
    expect(firstBreak(emptyChain, chain)).toEqual({ seq: 4, reason: 'missing' });
  });

  it('reports a record rewritten onto another chain as unlinked', () => {
    const chain = chainOf(3);
    const forged = extendChain({ seq: 1, hash: 'b'.repeat(64) }, [record(2)])[0] as ChainLink;
    expect(firstBreak(emptyChain, [chain[0] as ChainLink, forged, chain[2] as ChainLink])).toEqual({ seq: 2, id: record(2).id, reason: 'unlinked' });
  });

  it('reports a missing first record when the range does not start where expected', () => {
    expect(firstBreak(emptyChain, chainOf(3).slice(1))).toEqual({ seq: 1, reason: 'missing' });
  });
});

describe('firstBreak over archived links', () => {
  const archived = ({ seq, id, prevHash, hash }: ChainLink): ArchivedLink => ({ seq, id, prevHash, hash, archived: true });
  const withArchived = (chain: ChainLink[], seqs: number[]) => chain.map((link) => (seqs.includes(link.seq) ? archived(link) : link));

  it('takes an archived record as present with its recorded hash, interleaved with live ones', () => {
    expect(firstBreak(emptyChain, withArchived(chainOf(5), [2, 4]))).toBeUndefined();
    expect(firstBreak(emptyChain, withArchived(chainOf(3), [1, 2, 3]))).toBeUndefined();
  });

  it('reports a seq neither live nor archived as missing', () => {
    const links = withArchived(chainOf(4), [2]);
    expect(firstBreak(emptyChain, [links[0], links[1], links[3]] as VerifiableLink[])).toEqual({ seq: 3, reason: 'missing' });
  });

  it('reports the live record after an archived one whose recorded hash was changed as unlinked', () => {
    const links = withArchived(chainOf(3), [2]);
    const edited = { ...(links[1] as ArchivedLink), hash: 'c'.repeat(64) };
    expect(firstBreak(emptyChain, [links[0], edited, links[2]] as VerifiableLink[])).toEqual({ seq: 3, id: record(3).id, reason: 'unlinked' });
  });

  it('reports an archived link that does not point at the record before it as unlinked', () => {
    const links = withArchived(chainOf(3), [2]);
    const forged = { ...(links[1] as ArchivedLink), prevHash: 'd'.repeat(64) };
    expect(firstBreak(emptyChain, [links[0], forged, links[2]] as VerifiableLink[])).toEqual({ seq: 2, id: record(2).id, reason: 'unlinked' });
  });
});
