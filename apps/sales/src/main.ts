import { bootService } from '@ido/platform-runtime';
import { SalesModule } from './sales.module';

void bootService({ name: 'sales', module: SalesModule });
