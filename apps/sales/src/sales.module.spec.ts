import { salesV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { SalesModule } from './sales.module';

verifyServiceBoots({ name: 'sales', module: SalesModule }, salesV1.statusGet);
