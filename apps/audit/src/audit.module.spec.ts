import { auditV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { AuditModule } from './audit.module';

verifyServiceBoots({ name: 'audit', module: AuditModule }, auditV1.statusGet);
