import { newTestNamespace } from '@ido/platform-testing';
import type { TestService } from '@ido/platform-service-harness';
import { startTestGateway } from '../testing/gateway-under-test';
import { probeRoutes } from '../testing/probe-service';
import { openApiDocumentOf } from './openapi-document';

describe('API docs', () => {
  let gateway: TestService;

  beforeAll(async () => {
    gateway = await startTestGateway(probeRoutes, newTestNamespace());
  });
  afterAll(() => gateway?.stop());

  it('serves the document of the routes it serves at /openapi.json', async () => {
    const response = await fetch(`${gateway.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocumentOf(probeRoutes))));
  });

  it('serves the docs page at /docs, with a content policy that lets swagger-ui run', async () => {
    const response = await fetch(`${gateway.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('swagger-ui');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'; .*frame-ancestors 'none'/);
    const initializer = await fetch(`${gateway.url}/docs/static/swagger-initializer.js`);
    expect(initializer.status).toBe(200);
  });
});
