import { accountingV1 } from '@ido/internal-api';
import { verifyServiceBoots } from '@ido/platform-service-harness';
import { accountingUnderTest } from '../tests/accounting-under-test';

verifyServiceBoots(accountingUnderTest, accountingV1.statusGet);
