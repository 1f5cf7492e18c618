import { Injectable } from '@nestjs/common';
import { IdoError } from '@ido/platform-messaging';
import type { EdgeAuthorization, EdgeAuthorizer } from './edge-authorizer';

/**
 * The deployed gateway's edge check until identity's AccessPolicy is bound in its
 * place. It cannot verify tokens, so it fails closed: public routes (sign-in, JWKS)
 * pass, every other route is refused.
 */
@Injectable()
export class PublicRoutesOnly implements EdgeAuthorizer {
  async authorize({ rule }: EdgeAuthorization): Promise<undefined> {
    if (rule.kind !== 'public') throw new IdoError('UNAUTHENTICATED', 'Access tokens cannot be verified yet');
    return undefined;
  }
}
