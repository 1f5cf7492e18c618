import { identityV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { IdentityModule } from './identity.module';

verifyServiceBoots({ name: 'identity', module: IdentityModule }, identityV1.statusGet);
