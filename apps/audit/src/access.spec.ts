import { auditV1 } from '@ido/internal-api';
import { startTestService, type TestService } from '@ido/platform-service-harness';
import { rawRequest } from '@ido/platform-testing';
import { auditService } from './audit.definition';

describe('audit queries need a verified caller', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(auditService);
  });
  afterAll(() => service.stop());

  it.each([auditV1.eventsList, auditV1.chainVerify].map((c) => [c.subject, c] as const))('%s refuses a request without a token, whatever tenant header it carries', async (_subject, contract) => {
    const reply = await rawRequest(service.nats, service.subject(contract.subject), {}, { 'ido-tenant': 'acme' });
    expect(reply).toMatchObject({ status: 'error', body: { code: 'UNAUTHENTICATED' } });
  });
});
