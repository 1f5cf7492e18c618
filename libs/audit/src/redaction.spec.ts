import { isSecretKey, REDACTED, redactedState, redactSecrets } from './redaction';

describe('isSecretKey', () => {
  it.each(['password', 'passwordHash', 'password_hash', 'newPassword', 'passphrase', 'clientSecret', 'client-secret', 'refreshToken', 'TOKEN', 'tokenHash', 'hash', 'salt', 'apiKey', 'api_key', 'privateKey', 'sealedPrivateKey', 'credentials', 'otp', 'pin', 'cardCvv', 'iban', 'pass'])(
    '%s is a secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(['email', 'name', 'id', 'status', 'roles', 'displayName', 'kid', 'createdAt', 'shipping', 'opinion'])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it('errs on the safe side for a word that contains a secret word', () => {
    expect(isSecretKey('compass')).toBe(true);
  });
});

describe('redactSecrets', () => {
  it('replaces secret values at any depth and keeps everything else', () => {
    const input = {
      email: 'a@acme.test',
      passwordHash: '$argon2id$…',
      profile: { displayName: 'A', apiKey: 'k', nested: [{ token: 't', ok: 1 }] },
      roles: ['admin'],
    };
    expect(redactSecrets(input)).toEqual({
      email: 'a@acme.test',
      passwordHash: REDACTED,
      profile: { displayName: 'A', apiKey: REDACTED, nested: [{ token: REDACTED, ok: 1 }] },
      roles: ['admin'],
    });
  });

  it('redacts a secret that is an object or array as a whole', () => {
    expect(redactSecrets({ credentials: { user: 'u', key: 'k' }, tokens: ['a', 'b'] })).toEqual({ credentials: REDACTED, tokens: REDACTED });
  });

  it('keeps a null or absent secret visible as such (it was not set)', () => {
    expect(redactSecrets({ password: null, secret: undefined })).toEqual({ password: null });
  });

  it('turns dates into ISO strings and drops undefined, as JSON does', () => {
    expect(redactSecrets({ at: new Date('2026-01-02T03:04:05Z'), gone: undefined })).toEqual({ at: '2026-01-02T03:04:05.000Z' });
  });

  it('does not modify its input', () => {
    const input = { token: 't' };
    redactSecrets(input);
    expect(input).toEqual({ token: 't' });
  });

  it('handles scalars and undefined', () => {
    expect(redactSecrets('x')).toBe('x');
    expect(redactSecrets(undefined)).toBeNull();
  });
});

describe('redactedState', () => {
  it('is null for no state', () => {
    expect(redactedState(null)).toBeNull();
    expect(redactedState(undefined)).toBeNull();
  });

  it('refuses a state that is not an object', () => {
    expect(() => redactedState([1, 2])).toThrow(/JSON object/);
  });
});
