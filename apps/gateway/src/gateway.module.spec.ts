import { verifyServiceBoots } from '@ido/platform-service-harness';
import { deployedGateway, gatewayService } from './gateway.module';

verifyServiceBoots(gatewayService(deployedGateway));
