import { z } from 'zod';
import { compareEventWithSnapshot, compareWithSnapshot, writeEventSnapshot, writeSnapshot } from '../tests/snapshot-store';
import { accountingV1 } from './accounting/v1';
import { auditEvents } from './audit/v1';
import { defineEvent } from './common/events';
import { defineContract } from './contract';
import { publishedContracts, publishedEvents } from './registry';

/**
 * A published contract version is frozen. A first publication outside CI writes
 * its snapshot (commit it); in CI a missing snapshot is an error, and any change
 * to a committed one always is: make a new major version instead.
 */
describe('published contract snapshots', () => {
  it.each(publishedContracts.map((c) => [c.subject, c] as const))('%s matches its frozen JSON Schema', (_subject, contract) => {
    const verdict = compareWithSnapshot(contract);
    if (verdict.kind === 'missing') {
      if (process.env['CI']) throw new Error(`no committed snapshot for ${contract.subject}: ${verdict.file}`);
      writeSnapshot(contract);
      return;
    }
    if (verdict.kind === 'changed') {
      throw new Error(
        `published contract ${contract.subject} changed (${verdict.file}).\n` +
          `Published versions are frozen: add v${contract.version + 1} beside it.\n` +
          `expected:\n${verdict.expected}\nactual:\n${verdict.actual}`,
      );
    }
  });

  it('detects a changed field in a published contract', () => {
    const published = accountingV1.statusGet;
    const changed = defineContract({
      module: published.module,
      entity: published.entity,
      verb: published.verb,
      version: published.version,
      request: published.request,
      reply: published.reply.extend({ tenantCount: z.string() }),
    });
    expect(compareWithSnapshot(published).kind).toBe('unchanged');
    expect(compareWithSnapshot(changed).kind).toBe('changed');
  });

  it('detects an added required request field', () => {
    const published = accountingV1.statusGet;
    const changed = defineContract({ ...published, request: z.object({ verbose: z.boolean() }).strict() });
    expect(compareWithSnapshot(changed).kind).toBe('changed');
  });
});

/** Events are contracts too: consumers in other services parse them, so a published version is frozen. */
describe('published event snapshots', () => {
  it.each(publishedEvents.map((e) => [e.subject, e] as const))('%s matches its frozen JSON Schema', (_subject, event) => {
    const verdict = compareEventWithSnapshot(event);
    if (verdict.kind === 'missing') {
      if (process.env['CI']) throw new Error(`no committed snapshot for event ${event.subject}: ${verdict.file}`);
      writeEventSnapshot(event);
      return;
    }
    if (verdict.kind === 'changed') {
      throw new Error(
        `published event ${event.subject} changed (${verdict.file}).\n` +
          `Published versions are frozen: add v${event.version + 1} beside it.\n` +
          `expected:\n${verdict.expected}\nactual:\n${verdict.actual}`,
      );
    }
  });

  it('detects a changed field in a published event', () => {
    const published = auditEvents.recorded;
    const changed = defineEvent({ ...published, payload: published.payload.extend({ extra: z.string() }) });
    expect(compareEventWithSnapshot(published).kind).toBe('unchanged');
    expect(compareEventWithSnapshot(changed).kind).toBe('changed');
  });
});
