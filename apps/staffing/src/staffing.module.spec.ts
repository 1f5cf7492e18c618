import { staffingV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { StaffingModule } from './staffing.module';

verifyServiceBoots({ name: 'staffing', module: StaffingModule }, staffingV1.statusGet);
