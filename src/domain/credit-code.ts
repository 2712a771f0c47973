// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters =
// registration authority (1) + entity category (1) + administrative division (6)
// + organisation code per GB 11714 (8 + its own check character) + check character (1).
// Hand-written: the npm packages for it are unmaintained and none computes codes, only checks them.

/** The 31 characters GB 32100 allows (no I, O, S, V, Z). Index = numeric value. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** GB 11714 check character of an 8-character organisation code body. */
export function organisationCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = ORG_CHARSET.indexOf(body8[i]);
    if (v < 0) throw new Error(`invalid organisation code character "${body8[i]}"`);
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 check character of the first 17 characters. */
export function creditCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(body17[i]);
    if (v < 0) throw new Error(`invalid credit code character "${body17[i]}"`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'length' | 'charset' | 'check';

/** Why a string is not a valid credit code, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return 'charset';
  return creditCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

export const isValidCreditCode = (code: string): boolean => creditCodeProblem(code) === null;

/**
 * Builds a code for an enterprise registered with market regulation ("9"), category company ("1"),
 * in the given 6-digit division, from an 8-digit organisation body (digits only, so it lies in both charsets).
 */
export function makeCreditCode(divisionCode: string, orgBody8: string): string {
  if (!/^\d{6}$/.test(divisionCode)) throw new Error('division code must be 6 digits');
  if (!/^\d{8}$/.test(orgBody8)) throw new Error('organisation body must be 8 digits');
  const body = `91${divisionCode}${orgBody8}${organisationCheckChar(orgBody8)}`;
  return body + creditCheckChar(body);
}
