import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane. */
export const argon2Options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so both paths cost one argon2 run. */
  private readonly decoy = argon2.hash('decoy password for unknown accounts', argon2Options);

  hash(password: string): Promise<string> {
    return argon2.hash(password, argon2Options);
  }

  /** False on a mismatch and on a missing hash, after the same work either way. */
  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.decoy, password);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
