import { bootService } from '@ido/platform-runtime';
import { GatewayModule } from './gateway.module';

void bootService({ name: 'gateway', module: GatewayModule });
