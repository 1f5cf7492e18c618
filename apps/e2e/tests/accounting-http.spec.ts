import { accountingV1, type ModuleName } from '@ido/internal-api';
import { type GatewayClient, gatewayClient, operatorEnv } from './gateway-client';
import { type RunningSystem, startSystem } from './system';

/*
 * Accounting through the public HTTP API with every service running as a process:
 * a tenant posts and reports; another tenant sees none of it by any route; a tenant
 * without the module is refused at the edge.
 */

describe('accounting over HTTP', () => {
  let system: RunningSystem;
  let client: GatewayClient;

  beforeAll(async () => {
    system = await startSystem(operatorEnv);
    client = gatewayClient(system.url('gateway'));
  });
  afterAll(() => system?.stop());

  const get = (path: string, token: string) => client.http('GET', path, { token });
  const post = (path: string, token: string, body: unknown) => client.http('POST', path, { token, body });

  async function tenant(operator: string, id: string, modules: ModuleName[]) {
    return (await client.createTenant(operator, id, modules)).tokens.accessToken;
  }

  it('posts, reports and keeps tenants apart', async () => {
    const ops = await client.operatorToken();
    const acme = await tenant(ops, 'acme', ['accounting']);
    const globex = await tenant(ops, 'globex', ['accounting']);
    const initech = await tenant(ops, 'initech', []);

    // The schema is provisioned when identity announces the tenant: the first call may wait for it.
    await expect.poll(async () => (await get('/v1/accounting/accounts', acme)).status, { timeout: 10_000 }).toBe(200);
    const lines = [
      { accountCode: '1200', currency: 'EUR', debit: '12000' },
      { accountCode: '4000', currency: 'EUR', credit: '12000' },
    ];
    const posted = await post('/v1/accounting/journal-entries', acme, { idempotencyKey: 'http-entry-0001', date: '2026-11-03', lines });
    expect(posted.status).toBe(201);
    const entry = accountingV1.journalEntryRecord.reply.parse(posted.body);

    const trial = accountingV1.trialBalance.reply.parse((await get('/v1/accounting/reports/trial-balance?asOf=2026-12-31', acme)).body);
    expect(trial.totals).toEqual([{ currency: 'EUR', debit: '12000', credit: '12000' }]);

    await expect.poll(async () => (await get('/v1/accounting/accounts', globex)).status, { timeout: 10_000 }).toBe(200);
    expect((await get(`/v1/accounting/journal-entries/${entry.id}`, globex)).status).toBe(404);
    expect((await post(`/v1/accounting/journal-entries/${entry.id}/reverse`, globex, {})).status).toBe(404);
    expect(accountingV1.trialBalance.reply.parse((await get('/v1/accounting/reports/trial-balance?asOf=2026-12-31', globex)).body).rows).toEqual([]);

    const disabled = await get('/v1/accounting/accounts', initech);
    expect(disabled).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', details: { reason: 'MODULE_DISABLED' } } } });
  });

  it('refuses bad amounts and unbalanced entries with 400', async () => {
    const ops = await client.operatorToken();
    const token = await tenant(ops, 'umbrella', ['accounting']);
    await expect.poll(async () => (await get('/v1/accounting/accounts', token)).status, { timeout: 10_000 }).toBe(200);
    for (const debit of ['-1', '1.5', 12, 'ten']) {
      const lines = [{ accountCode: '1200', currency: 'EUR', debit }, { accountCode: '4000', currency: 'EUR', credit: '1' }];
      expect((await post('/v1/accounting/journal-entries', token, { idempotencyKey: `bad-${String(debit)}-key`, date: '2026-11-03', lines })).status).toBe(400);
    }
    const unbalanced = [{ accountCode: '1200', currency: 'EUR', debit: '2' }, { accountCode: '4000', currency: 'EUR', credit: '1' }];
    expect(await post('/v1/accounting/journal-entries', token, { idempotencyKey: 'unbalanced-key', date: '2026-11-03', lines: unbalanced })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
  });
});
