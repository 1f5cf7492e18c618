import { randomBytes } from 'node:crypto';
import { openPrivateKey, sealPrivateKey } from './key-encryption';

describe('private key sealing', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the plaintext', () => {
    const sealed = sealPrivateKey('{"d":"secret-part"}', key);
    expect(sealed).not.toContain('secret-part');
    expect(openPrivateKey(sealed, key)).toBe('{"d":"secret-part"}');
  });

  it('refuses another key', () => {
    expect(() => openPrivateKey(sealPrivateKey('x', key), randomBytes(32))).toThrow();
  });

  it('refuses altered ciphertext', () => {
    const [v, iv, tag, data] = sealPrivateKey('private key material', key).split('.');
    const flipped = Buffer.from(data as string, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openPrivateKey([v, iv, tag, flipped.toString('base64url')].join('.'), key)).toThrow();
  });
});
