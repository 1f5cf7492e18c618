import { resolve } from 'node:path';
import { z } from 'zod';

/** The audit service's own environment, validated at boot like the shared one. */
export const auditSettingsSchema = z
  .object({
    /** Whole months kept in the live log before the current one; older months are archived (7 years by default). */
    AUDIT_RETENTION_MONTHS: z.coerce.number().int('must be a whole number of months').min(1, 'must be at least 1').max(1_200).default(84),
    /** Where each archived month's JSONL file and manifest are written (relative paths are from the working directory). */
    AUDIT_ARCHIVE_DIR: z.string().min(1).default('audit-archive'),
  })
  .transform((env) => ({ retentionMonths: env.AUDIT_RETENTION_MONTHS, archiveDir: resolve(env.AUDIT_ARCHIVE_DIR) }));

export type AuditSettings = z.output<typeof auditSettingsSchema>;
