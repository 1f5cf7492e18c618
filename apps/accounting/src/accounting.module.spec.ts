import { accountingV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { AccountingModule } from './accounting.module';

verifyServiceBoots({ name: 'accounting', module: AccountingModule }, accountingV1.statusGet);
