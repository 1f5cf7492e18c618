import type { ServiceCommand } from '@ido/platform-runtime';
import { AuditArchive } from './month-archive';

/**
 * `main.js archive`: archives now the months the maintenance job would (older than
 * AUDIT_RETENTION_MONTHS, to AUDIT_ARCHIVE_DIR). Idempotent: a rerun archives nothing more.
 */
export const archiveCommand: ServiceCommand = {
  usage: 'archive   (months older than AUDIT_RETENTION_MONTHS, to AUDIT_ARCHIVE_DIR)',
  async run(app) {
    const archived = await app.get(AuditArchive).archiveDue();
    for (const month of archived) process.stdout.write(`${month.file}: ${month.records} records, sha256 ${month.sha256}\n`);
    if (!archived.length) process.stdout.write('no month due for archiving\n');
    return 0;
  },
};
