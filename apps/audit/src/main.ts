import { bootService } from '@ido/platform-runtime';
import { AuditModule } from './audit.module';

void bootService({ name: 'audit', module: AuditModule });
