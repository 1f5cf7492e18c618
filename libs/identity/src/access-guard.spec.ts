import { randomUUID } from 'node:crypto';
import { identityEvents } from '@ido/internal-api';
import { NatsTransport } from '@ido/platform-messaging';
import { ServiceMetrics } from '@ido/platform-observability';
import { ProviderEvents } from '@openfeature/server-sdk';
import type { NatsConnection } from 'nats';
import { claims, eventually, type IdentityFixture, otherTenant, probe, probeModule, signToken, startIdentityFixture, tenant } from '../tests/identity-fixture';
import { AccessState } from './access-state';
import { FeatureFlags } from './module-flags';

/*
 * The guard as services run it: NATS requests through the real transport to
 * handlers declaring @Public, @Authenticated, @Requires or nothing, with access
 * state from the (fake) identity's snapshot and events.
 */
const onDemandRefetchMs = 500;

describe('access guard on NATS handlers', () => {
  let fixture: IdentityFixture;
  const token = (overrides: Record<string, unknown> = {}) => signToken(fixture.key, claims(overrides));
  const refusal = (code: string, details: Record<string, unknown>) => ({ status: 'error', body: expect.objectContaining({ code, details }) });

  beforeAll(async () => {
    fixture = await startIdentityFixture(probeModule({ onDemandRefetchMs }));
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  it('runs a handler for a token with the permission, with the actor in context', async () => {
    const reply = await fixture.call(probe.createUser.subject, await token({ sub: 'user-7' }));
    expect(reply).toEqual({ status: 'ok', body: { actor: 'user-7', tenant } });
  });

  it('lets anyone call a @Public handler, without a token', async () => {
    expect(await fixture.call(probe.open.subject)).toEqual({ status: 'ok', body: { actor: null, tenant: null } });
  });

  it('refuses a guarded handler without a token or with another scheme', async () => {
    expect(await fixture.call(probe.me.subject)).toEqual(refusal('UNAUTHENTICATED', { reason: 'missing-token' }));
    const basic = await fixture.call(probe.me.subject, undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic).toEqual(refusal('UNAUTHENTICATED', { reason: 'malformed' }));
  });

  it('refuses, and does not run, a handler that declares no rule', async () => {
    expect(await fixture.call(probe.forgotten.subject, await token())).toEqual(refusal('FORBIDDEN', { reason: 'no-access-rule' }));
  });

  it('refuses a token without the permission the handler requires', async () => {
    const reply = await fixture.call(probe.readLeads.subject, await token({ perms: ['identity:user:create'] }));
    expect(reply).toEqual(refusal('FORBIDDEN', { reason: 'missing-permission', permission: 'sales:lead:read' }));
  });

  it('lets @Authenticated take any valid token', async () => {
    expect(await fixture.call(probe.me.subject, await token({ perms: [] }))).toMatchObject({ status: 'ok' });
  });

  it('applies a method rule over its controller @Public, and the controller @Public to the others', async () => {
    expect(await fixture.call(probe.manageLeads.subject)).toEqual(refusal('UNAUTHENTICATED', { reason: 'missing-token' }));
    expect(await fixture.call(probe.manageLeads.subject, await token({ perms: ['sales:lead:manage'] }))).toMatchObject({ status: 'ok' });
    expect(await fixture.call(probe.ping.subject)).toMatchObject({ status: 'ok' });
  });

  it("never trusts a bare tenant header: another tenant's token is FORBIDDEN", async () => {
    const foreign = await token({ tenant: otherTenant });
    const reply = await fixture.call(probe.createUser.subject, foreign, { 'ido-tenant': tenant });
    expect(reply).toEqual(refusal('FORBIDDEN', { reason: 'tenant-mismatch' }));
    expect(await fixture.call(probe.createUser.subject, foreign, { 'ido-tenant': otherTenant })).toMatchObject({ status: 'ok' });
  });

  it('stops a suspended tenant at once, and lets it back in when resumed', async () => {
    const valid = await token();
    const modules = ['sales', 'accounting'] as const;
    await fixture.publish(identityEvents.tenantChanged, { tenant, status: 'suspended', modules: [...modules] });
    await eventually(async () => expect(await fixture.call(probe.me.subject, valid)).toEqual(refusal('UNAUTHENTICATED', { reason: 'tenant-suspended' })), 1_000);
    await fixture.publish(identityEvents.tenantChanged, { tenant, status: 'active', modules: [...modules] });
    await eventually(async () => expect(await fixture.call(probe.me.subject, valid)).toMatchObject({ status: 'ok' }), 1_000);
  });

  it('refuses the tokens of a revoked session until they would have expired anyway', async () => {
    const sid = randomUUID();
    const revoked = await token({ sid });
    const otherSession = await token();
    const until = new Date(Date.now() + 1_500).toISOString();
    await fixture.publish(identityEvents.sessionsRevoked, { tenant, sessionIds: [sid], until });
    await eventually(async () => expect(await fixture.call(probe.me.subject, revoked)).toEqual(refusal('UNAUTHENTICATED', { reason: 'session-revoked' })), 1_000);
    expect(await fixture.call(probe.me.subject, otherSession)).toMatchObject({ status: 'ok' });
    // Past `until` the entry is pruned (a real token of that session would be expired by then).
    await eventually(async () => expect(await fixture.call(probe.me.subject, revoked)).toMatchObject({ status: 'ok' }), 3_000);
  });

  it("refuses a disabled module (MODULE_DISABLED) as the tenant's OpenFeature flag says", async () => {
    const flags = fixture.service.app.get(FeatureFlags).moduleFlags();
    const changed: string[][] = [];
    flags.addHandler(ProviderEvents.ConfigurationChanged, (event) => changed.push(event?.flagsChanged ?? []));
    const valid = await token();
    await fixture.publish(identityEvents.tenantChanged, { tenant, status: 'active', modules: ['accounting'] });
    await eventually(async () =>
      expect(await fixture.call(probe.me.subject, valid)).toEqual(refusal('FORBIDDEN', { reason: 'MODULE_DISABLED', module: 'sales' })),
    );
    expect(await flags.getBooleanDetails('module.sales', true, { targetingKey: tenant })).toMatchObject({ value: false, reason: 'TARGETING_MATCH' });
    expect(await flags.getBooleanValue('module.accounting', false, { targetingKey: tenant })).toBe(true);
    expect(changed.at(-1)).toContain('module.sales');
    await fixture.publish(identityEvents.tenantChanged, { tenant, status: 'active', modules: ['sales', 'accounting'] });
    await eventually(async () => expect(await fixture.call(probe.me.subject, valid)).toMatchObject({ status: 'ok' }));
    expect(await flags.getBooleanValue('module.sales', false, { targetingKey: tenant })).toBe(true);
  });

  it('answers unknown flags and a missing tenant with the default value and an error code', async () => {
    const flags = fixture.service.app.get(FeatureFlags).moduleFlags();
    expect(await flags.getBooleanDetails('module.payroll', true, { targetingKey: tenant })).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    });
    expect(await flags.getBooleanDetails('module.sales', true, {})).toMatchObject({ value: true, errorCode: 'TARGETING_KEY_MISSING' });
    expect(await flags.getStringDetails('module.sales', 'x', { targetingKey: tenant })).toMatchObject({ errorCode: 'TYPE_MISMATCH' });
    expect(await flags.getBooleanValue('module.sales', true, { targetingKey: 'nobody' })).toBe(false);
  });

  it('learns a tenant created after the last snapshot with one reload, and refuses one identity does not know', async () => {
    const newcomer = 'initech';
    fixture.fake.snapshot = { ...fixture.fake.snapshot, tenants: [...fixture.fake.snapshot.tenants, { id: newcomer, status: 'active', modules: ['sales'] }] };
    await new Promise((resolve) => setTimeout(resolve, onDemandRefetchMs));
    expect(await fixture.call(probe.me.subject, await token({ tenant: newcomer }))).toMatchObject({ status: 'ok' });
    const before = fixture.fake.snapshotRequests;
    const stranger = await token({ tenant: 'nowhere-inc' });
    for (let n = 0; n < 5; n++) expect(await fixture.call(probe.me.subject, stranger)).toEqual(refusal('UNAUTHENTICATED', { reason: 'unknown-tenant' }));
    // Rate-limited: a stream of unknown tenants does not turn into a stream of snapshots.
    expect(fixture.fake.snapshotRequests - before).toBeLessThanOrEqual(1);
  });

  it('reloads the access state after a NATS reconnect (core NATS drops what was published meanwhile)', async () => {
    const valid = await token({ tenant: otherTenant });
    const original = fixture.fake.snapshot;
    fixture.fake.snapshot = { ...original, tenants: original.tenants.map((t) => (t.id === otherTenant ? { ...t, status: 'suspended' as const } : t)) };
    const transport = fixture.service.app.get(NatsTransport);
    const reconnected = new Promise((resolve) => transport.on('reconnect', resolve));
    await transport.unwrap<NatsConnection>().reconnect();
    await reconnected;
    await eventually(async () => expect(await fixture.call(probe.me.subject, valid)).toEqual(refusal('UNAUTHENTICATED', { reason: 'tenant-suspended' })));
    fixture.fake.snapshot = original;
    await fixture.service.app.get(AccessState).reload();
  });

  it('exports its cache, JWKS and access-state figures on the service metrics', async () => {
    const exposition = await fixture.service.app.get(ServiceMetrics).exposition();
    for (const name of [
      'ido_identity_token_cache_hits_total',
      'ido_identity_token_cache_misses_total',
      'ido_identity_token_verifications_total',
      'ido_identity_jwks_fetches_total',
      'ido_identity_access_state_age_seconds',
    ]) {
      expect(exposition).toMatch(new RegExp(`^${name}\\{service="sales"\\} \\d`, 'm'));
    }
  });
});
