import { bootService } from '@ido/platform-runtime';
import { ComplaintsModule } from './complaints.module';

void bootService({ name: 'complaints', module: ComplaintsModule });
