import { verifyServiceBoots } from '@ido/platform-service-harness';
import { GatewayModule } from './gateway.module';

verifyServiceBoots({ name: 'gateway', module: GatewayModule });
