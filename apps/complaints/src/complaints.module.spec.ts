import { complaintsV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { ComplaintsModule } from './complaints.module';

verifyServiceBoots({ name: 'complaints', module: ComplaintsModule }, complaintsV1.statusGet);
