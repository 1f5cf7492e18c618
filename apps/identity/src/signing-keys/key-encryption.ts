import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const version = 'v1';

/** Seals a private key at rest with AES-256-GCM under the key from IDENTITY_KEY_ENCRYPTION_KEY. */
export function sealPrivateKey(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [version, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** Throws when the ciphertext was altered or sealed under another key. */
export function openPrivateKey(sealed: string, key: Buffer): string {
  const [tag, iv, authTag, data] = sealed.split('.');
  if (tag !== version || !iv || !authTag || !data) throw new Error('sealed private key has an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
