import { Injectable } from '@nestjs/common';
import { type Algorithm, hash, type Options, verify } from '@node-rs/argon2';

/**
 * OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
 * (`Algorithm` is a const enum the bundler cannot inline; 2 is its Argon2id.)
 */
export const argon2Options: Options = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so both paths cost one argon2 run. */
  private readonly decoy = hash('decoy password for unknown accounts', argon2Options);

  hash(password: string): Promise<string> {
    return hash(password, argon2Options);
  }

  /** False on a mismatch and on a missing hash, after the same work either way. */
  async verify(stored: string | null | undefined, password: string): Promise<boolean> {
    if (!stored) {
      await verify(await this.decoy, password);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}
