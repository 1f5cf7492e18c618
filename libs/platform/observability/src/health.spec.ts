import { HealthRegistry } from './health';

describe('HealthRegistry', () => {
  it('is ready when every check answers', async () => {
    const health = new HealthRegistry();
    health.register({ name: 'db', probe: async () => undefined });
    await expect(health.readiness()).resolves.toEqual({ ready: true, checks: { db: 'up' } });
  });

  it('names the failing dependency', async () => {
    const health = new HealthRegistry();
    health.register({ name: 'db', probe: async () => undefined });
    health.register({ name: 'nats', probe: async () => Promise.reject(new Error('disconnected')) });
    await expect(health.readiness()).resolves.toEqual({ ready: false, checks: { db: 'up', nats: 'down: disconnected' } });
  });

  it('is not ready while draining', async () => {
    const health = new HealthRegistry();
    health.startDraining();
    expect((await health.readiness()).ready).toBe(false);
  });

  it('treats a hanging check as down', async () => {
    const health = new HealthRegistry();
    health.register({ name: 'db', probe: () => new Promise(() => undefined) });
    await expect(health.readiness()).resolves.toMatchObject({ ready: false, checks: { db: expect.stringMatching(/no answer/) } });
  });
});
