import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, CLOCK_SKEW_SECONDS } from '@ido/identity';
import type { identitySchemas } from '@ido/internal-api';
import { SERVICE_SETTINGS } from '@ido/platform-runtime';
import { randomUUID } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey } from 'jose';
import type { AuditActor } from '@ido/audit';
import { KeySetAnnouncements } from '../access/key-set-announcements';
import { identityItself } from '../access/audit-actor';
import type { IdentitySettings } from '../identity.settings';
import { openPrivateKey, sealPrivateKey } from './key-encryption';
import { type SigningKeyRow, SigningKeysRepository } from './signing-keys.repository';

export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * Ed25519 signing keys: rotated on a schedule and on demand. The previous key stays
 * in the JWKS until every token it signed has expired (TTL + clock skew), then retires.
 */
@Injectable()
export class SigningKeys implements OnModuleDestroy {
  private readonly log = new Logger('SigningKeys');
  private active?: ActiveSigningKey;
  private timer?: NodeJS.Timeout;
  private maintaining?: Promise<void>;
  private publishedKids = '';

  constructor(
    @Inject(SigningKeysRepository) private readonly keys: SigningKeysRepository,
    @Inject(KeySetAnnouncements) private readonly announcements: KeySetAnnouncements,
    @Inject(SERVICE_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  /** Once the registry exists (PlatformBootstrap): a current key, then rotation and retirement on a timer. */
  async start(): Promise<void> {
    await this.maintain();
    this.timer = setInterval(() => void this.maintainOnTimer(), this.settings.keyMaintenanceIntervalMs);
    this.timer.unref();
  }

  /** Before the database closes (module destroy precedes application shutdown): no pass left half-way. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.maintaining;
  }

  private async maintainOnTimer(): Promise<void> {
    if (this.maintaining) return;
    this.maintaining = this.maintain()
      .catch((error: Error) => this.log.error(`key maintenance failed: ${error.message}`))
      .finally(() => (this.maintaining = undefined));
    await this.maintaining;
  }

  /** The key to sign with now (another replica may have rotated: re-read when it changed). */
  async signingKey(): Promise<ActiveSigningKey> {
    if (this.active) return this.active;
    const current = await this.keys.current();
    if (!current) throw new Error('no signing key: identity has not finished starting');
    this.active = { kid: current.kid, privateKey: await this.decrypt(current) };
    return this.active;
  }

  async rotate(by: AuditActor): Promise<string> {
    const kid = await this.rotateIf(() => true, by);
    await this.maintain();
    return kid;
  }

  async jwks(): Promise<identitySchemas.PublicJwk[]> {
    const rows = await this.keys.published(new Date());
    return rows.map((row) => row.publicJwk as identitySchemas.PublicJwk);
  }

  /** Rotates when due, forgets a cached key another replica superseded, announces JWKS changes. */
  private async maintain(): Promise<void> {
    const rotationMs = this.settings.signingKeyRotationSeconds * 1000;
    await this.rotateIf((current) => !current || Date.now() - current.createdAt.getTime() >= rotationMs, identityItself);
    const current = await this.keys.current();
    if (this.active && current?.kid !== this.active.kid) this.active = undefined;
    const kids = (await this.jwks()).map((key) => key.kid);
    if (kids.join() !== this.publishedKids) {
      this.publishedKids = kids.join();
      this.announcements.announce(kids);
    }
  }

  private async rotateIf(due: (current: SigningKeyRow | null) => boolean, by: AuditActor): Promise<string> {
    const kid = randomUUID();
    const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
    const privateKeyEnc = sealPrivateKey(await exportPKCS8(privateKey), this.settings.keyEncryptionKey);
    const retireAt = new Date(Date.now() + (this.settings.accessTokenTtlSeconds + CLOCK_SKEW_SECONDS) * 1000);
    const rotated = await this.keys.replaceCurrent({ kid, publicJwk, privateKeyEnc }, retireAt, due, by);
    if (rotated) {
      this.active = undefined;
      this.log.log(`signing key ${kid} is now current`);
    }
    return kid;
  }

  private decrypt(row: SigningKeyRow): Promise<CryptoKey> {
    return importPKCS8(openPrivateKey(row.privateKeyEnc, this.settings.keyEncryptionKey), ACCESS_TOKEN_ALGORITHM);
  }
}
