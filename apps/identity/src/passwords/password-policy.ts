import { commonPasswords } from './common-passwords';

/** NIST SP 800-63B: long passphrases beat composition rules; check against known-bad lists instead. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const common = new Set(commonPasswords);

/** "Summer2024!!", "Password123456": a common word dressed with digits and symbols is still common. */
function commonCore(password: string): string {
  return password.toLowerCase().replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
}

function isRepetitive(password: string): boolean {
  return new Set(password.toLowerCase()).size <= 3;
}

function isSequence(password: string): boolean {
  const codes = [...password.toLowerCase()].map((c) => c.codePointAt(0) ?? 0);
  const steps = codes.slice(1).map((code, i) => code - (codes[i] ?? 0));
  return steps.every((step) => step === 1) || steps.every((step) => step === -1);
}

/** Problems with a proposed password, in words a user can act on; empty when it is acceptable. */
export function passwordProblems(password: string, context: { email?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  const core = commonCore(password);
  if (common.has(lower) || core === '' || common.has(core) || isRepetitive(password) || isSequence(password)) {
    problems.push('is too common or too easy to guess');
  }
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 3 && lower.includes(localPart)) problems.push('must not contain your email address');
  return problems;
}
