import { bootService } from '@ido/platform-runtime';
import { auditService } from './audit.definition';

void bootService(auditService);
