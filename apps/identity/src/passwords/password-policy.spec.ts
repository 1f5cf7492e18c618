import { PASSWORD_MIN_LENGTH, passwordProblems } from './password-policy';

describe('password policy', () => {
  it.each(['correct horse battery', 'Tr0ub4dor&3-patrol-night', 'guards on the north gate'])('accepts a long uncommon passphrase: %s', (password) => {
    expect(passwordProblems(password)).toEqual([]);
  });

  it('rejects short passwords', () => {
    expect(passwordProblems('north gate'.slice(0, PASSWORD_MIN_LENGTH - 1))).toContain(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  });

  it('rejects passwords beyond the hashing bound', () => {
    expect(passwordProblems('long passphrase '.repeat(20))).toContain('must be at most 256 characters');
  });

  it.each(['password123456', 'Password123456!', 'qwertyuiop123', '123456789012', 'Welcome2024!!!', 'aaaaaaaaaaaaaa', 'abcdefghijklmn', '!!!2024!!!2024'])(
    'rejects a common or guessable password: %s',
    (password) => {
      expect(passwordProblems(password)).toContain('is too common or too easy to guess');
    },
  );

  it('rejects a password containing the email local part', () => {
    expect(passwordProblems('dana.kowalski rocks', { email: 'dana.kowalski@acme.test' })).toContain('must not contain your email address');
    expect(passwordProblems('north gate night shift', { email: 'dana@acme.test' })).toEqual([]);
  });
});
