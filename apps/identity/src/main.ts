import { bootService } from '@ido/platform-runtime';
import { identityService } from './identity.definition';

void bootService(identityService);
