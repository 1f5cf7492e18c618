import { auditV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { auditService } from './audit.definition';

verifyServiceBoots(auditService, auditV1.statusGet);
