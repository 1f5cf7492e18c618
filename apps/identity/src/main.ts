import { bootService } from '@ido/platform-runtime';
import { IdentityModule } from './identity.module';

void bootService({ name: 'identity', module: IdentityModule });
