import { identityV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { identityUnderTest } from '../tests/identity-under-test';

verifyServiceBoots(identityUnderTest, identityV1.statusGet);
