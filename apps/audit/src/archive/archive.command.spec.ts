import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestService, type TestService } from '@ido/platform-service-harness';
import { auditRecord } from '../../tests/audit-store-fixture';
import { auditService } from '../audit.definition';
import { AuditLedger } from '../ingest/audit-ledger';
import { archiveCommand } from './archive.command';

describe('the archive command', () => {
  let service: TestService;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-archive-'));
    service = await startTestService(auditService, { env: { AUDIT_RETENTION_MONTHS: '1', AUDIT_ARCHIVE_DIR: dir } });
  });
  afterAll(async () => {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("archives the months older than the service's retention to its archive directory", async () => {
    await service.app.get(AuditLedger).append([auditRecord('acme', { occurredAt: '2020-03-10T00:00:00.000Z' }), auditRecord('acme')]);
    expect(await archiveCommand.run(service.app, [])).toBe(0);
    await access(join(dir, 'audit-2020-03.jsonl'));
    await access(join(dir, 'audit-2020-03.manifest.json'));
    expect(await archiveCommand.run(service.app, [])).toBe(0);
  });
});
