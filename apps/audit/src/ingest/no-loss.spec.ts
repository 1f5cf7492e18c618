import { OutboxRelay } from '@ido/audit';
import { startTestService, type TestService } from '@ido/platform-service-harness';
import { dropNamespaceDatabases, newTestNamespace, startPrivateNats } from '@ido/platform-testing';
import { connect } from 'nats';
import { businessFixture, loggedIds } from '../../tests/business-fixture';
import { auditService } from '../audit.definition';

const tenants = ['acme', 'umbrella', 'globex'];

async function waitForLog(service: TestService, expected: string[], timeoutMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let logged: string[] = [];
  while (Date.now() < deadline) {
    logged = await loggedIds(service.config.database.name);
    if (logged.length >= expected.length) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return logged;
}

describe('no loss from outbox to audit log', () => {
  it('logs 5,000 changes across 3 tenants made while the audit consumer was stopped, each exactly once, and no rolled-back one', { timeout: 90_000 }, async () => {
    const namespace = newTestNamespace();
    const business = await businessFixture(namespace, tenants);
    const relayNats = await connect({ servers: process.env['NATS_URL'] || 'nats://127.0.0.1:4222' });
    const relay = new OutboxRelay(business.maintenance, () => relayNats, { namespace });
    let audit: TestService | undefined;
    try {
      await relay.start();
      await Promise.all([business.change('acme', 2_000), business.change('umbrella', 1_500), business.change('globex', 1_500)]);
      const rolledBack = await business.changeThenRollBack('acme');
      const expected = await business.outboxIds();
      expect(expected).toHaveLength(5_000);
      expect(rolledBack).toMatch(/^[0-9a-f-]{36}$/);
      expect(expected).not.toContain(rolledBack);

      audit = await startTestService(auditService, { namespace });
      const logged = await waitForLog(audit, expected);
      expect(logged).toEqual(expected);
      expect(logged).not.toContain(rolledBack);
    } finally {
      await relay.stop();
      await relayNats.close();
      await audit?.stop();
      await business.close();
      await dropNamespaceDatabases(namespace);
    }
  });

  it('logs every change exactly once when NATS dies and comes back mid-run', { timeout: 90_000 }, async () => {
    const namespace = newTestNamespace();
    const nats = await startPrivateNats();
    const business = await businessFixture(namespace, tenants);
    const relayNats = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const relay = new OutboxRelay(business.maintenance, () => relayNats, { namespace, maxBackoffMs: 500 });
    let audit: TestService | undefined;
    try {
      audit = await startTestService(auditService, { namespace, env: { NATS_URL: nats.url } });
      await relay.start();
      const writing = Promise.all([business.change('acme', 700, 10), business.change('umbrella', 500, 10), business.change('globex', 300, 10)]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await nats.kill();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await nats.start();
      await writing;
      const expected = await business.outboxIds();
      expect(await waitForLog(audit, expected)).toEqual(expected);
    } finally {
      await relay.stop();
      await relayNats.close();
      await audit?.stop();
      await business.close();
      await nats.dispose();
      await dropNamespaceDatabases(namespace);
    }
  });
});
