import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@ido/platform-config';
import { auditSettingsSchema } from './audit.settings';

describe('audit settings', () => {
  it('keeps 7 years by default and archives under the working directory', () => {
    expect(loadConfig(auditSettingsSchema, {})).toEqual({ retentionMonths: 84, archiveDir: resolve('audit-archive') });
  });

  it('takes a retention in months and an archive directory', () => {
    expect(loadConfig(auditSettingsSchema, { AUDIT_RETENTION_MONTHS: '12', AUDIT_ARCHIVE_DIR: '/var/lib/audit' })).toEqual({ retentionMonths: 12, archiveDir: '/var/lib/audit' });
  });

  it.each(['0', '-3', '1.5', 'seven'])('refuses a retention of %s, naming the variable', (months) => {
    expect(() => loadConfig(auditSettingsSchema, { AUDIT_RETENTION_MONTHS: months })).toThrow(ConfigError);
    expect(() => loadConfig(auditSettingsSchema, { AUDIT_RETENTION_MONTHS: months })).toThrow(/AUDIT_RETENTION_MONTHS/);
  });
});
