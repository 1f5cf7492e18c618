import { bootService } from '@ido/platform-runtime';
import { deployedGateway, gatewayService } from './gateway.module';

void bootService(gatewayService(deployedGateway));
