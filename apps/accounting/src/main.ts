import { bootService } from '@ido/platform-runtime';
import { accountingService } from './accounting.definition';

void bootService(accountingService);
