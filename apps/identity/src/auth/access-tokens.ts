import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_TYPE } from '@ido/identity';
import { SERVICE_SETTINGS } from '@ido/platform-runtime';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { IdentitySettings } from '../identity.settings';
import { SigningKeys } from '../signing-keys/signing-keys.service';

/** Who a token is for: permissions are resolved from the roles at issue time. */
export interface TokenSubject {
  kind: 'user' | 'service';
  id: string;
  tenant: string;
  roles: readonly string[];
  permissions: readonly string[];
}

/** Signs short-lived EdDSA access tokens with the current key. */
@Injectable()
export class AccessTokens {
  constructor(
    @Inject(SigningKeys) private readonly keys: SigningKeys,
    @Inject(SERVICE_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  get ttlSeconds(): number {
    return this.settings.accessTokenTtlSeconds;
  }

  async issue(subject: TokenSubject, sessionId: string): Promise<string> {
    const { kid, privateKey } = await this.keys.signingKey();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tenant: subject.tenant, kind: subject.kind, roles: [...subject.roles], perms: [...subject.permissions], sid: sessionId })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(subject.id)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + this.settings.accessTokenTtlSeconds)
      .sign(privateKey);
  }
}
