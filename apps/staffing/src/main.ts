import { bootService } from '@ido/platform-runtime';
import { StaffingModule } from './staffing.module';

void bootService({ name: 'staffing', module: StaffingModule });
