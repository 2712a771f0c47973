// Rules for new and changed passwords (NIST SP 800-63B §5.1.1.2, OWASP ASVS V2.1): at least 12
// characters, not the username, and not one of the 10,000 most common passwords
// (seeds/common-passwords.txt; source in seeds/README.md). Log-ins are never checked against it, so
// the seeded demo accounts keep their documented demo password.
import { readFileSync } from 'node:fs';
import { problem, type Problem } from '../../domain/problems.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | null = null;
const commonPasswords = () =>
  (common ??= new Set(readFileSync(new URL('../../../seeds/common-passwords.txt', import.meta.url), 'utf8').split('\n').map((l) => l.trim().toLowerCase()).filter(Boolean)));

/** What is wrong with a new password, in words for the `fields.password` of a 400; null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  return passwordCheck(password, username)?.message ?? null;
}

/** The same rules, with the rule's code and parameters (src/domain/problems.ts) next to the English words. */
export function passwordCheck(password: string, username?: string): { message: string; problem: Problem } | null {
  const length = [...password.normalize('NFKC')].length;
  if (length < MIN_PASSWORD_LENGTH)
    return { message: `must have at least ${MIN_PASSWORD_LENGTH} characters (a passphrase of several words is easiest to remember)`, problem: problem('password_too_short', { min: MIN_PASSWORD_LENGTH }) };
  if (length > MAX_PASSWORD_LENGTH) return { message: `must have at most ${MAX_PASSWORD_LENGTH} characters`, problem: problem('password_too_long', { max: MAX_PASSWORD_LENGTH }) };
  const lower = password.toLowerCase();
  if (username && lower === username.toLowerCase()) return { message: 'must not be the username', problem: problem('password_is_username') };
  if (commonPasswords().has(lower)) return { message: 'is one of the most common passwords; choose another', problem: problem('password_common') };
  return null;
}
