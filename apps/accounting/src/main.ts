import { bootService } from '@ido/platform-runtime';
import { AccountingModule } from './accounting.module';

void bootService({ name: 'accounting', module: AccountingModule });
