import { Injectable } from '@nestjs/common';
import { IdoError } from '@ido/platform-messaging';
import type { EdgeAuthorization, EdgeAuthorizer } from '../access/edge-authorizer';

const testToken = /^Bearer test:([a-z][a-z0-9-]*):([\w:,-]*)$/;

/**
 * TEST DOUBLE — never bind it outside specs. It trusts unsigned tokens of the form
 * `Bearer test:<tenant>:<perm1,perm2>` and applies a route's rule the way identity's
 * AccessPolicy does, so the gateway's specs reach 401 and 403 without an identity service.
 */
@Injectable()
export class BearerTestAuthorizer implements EdgeAuthorizer {
  async authorize({ authorization, tenantHeader, rule }: EdgeAuthorization): Promise<{ tenant: string } | undefined> {
    const token = authorization ? testToken.exec(authorization) : null;
    if (!token) {
      if (rule.kind === 'public') return undefined;
      throw new IdoError('UNAUTHENTICATED', 'A valid access token is required');
    }
    const [, tenant = '', permissions = ''] = token;
    if (tenantHeader && tenantHeader !== tenant) throw new IdoError('FORBIDDEN', 'The token belongs to another tenant');
    if (rule.kind === 'permission' && !permissions.split(',').includes(rule.permission)) {
      throw new IdoError('FORBIDDEN', `Missing permission ${rule.permission}`);
    }
    return { tenant };
  }
}
