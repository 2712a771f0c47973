import { describe, expect, it } from 'vitest';
import { creditCheckChar, creditCodeProblem, isValidCreditCode, makeCreditCode, organisationCheckChar } from '../../src/domain/credit-code.ts';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published real codes', () => {
    // Codes printed on public business licences.
    for (const code of ['91350100M000100Y43', '914403001922038216', '91110000802100433B']) expect(isValidCreditCode(code)).toBe(true);
  });

  it('rejects a wrong check character, bad length and forbidden letters', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100I43')).toBe('charset'); // I is not in the 31-character set
    expect(creditCodeProblem('91350100m000100Y43')).toBe('charset');
  });

  it('computes the GB 11714 organisation check character, including X and 0', () => {
    expect(organisationCheckChar('M000100Y')).toBe('4');
    const checks = new Set<string>();
    for (let i = 0; i < 2000; i++) checks.add(organisationCheckChar(String(i * 104729).padStart(8, '0').slice(-8)));
    expect(checks).toContain('X');
    expect(checks).toContain('0');
  });

  it('makes codes that validate and whose every single-character change is caught', () => {
    const code = makeCreditCode('440111', '12345678');
    expect(code).toMatch(/^91440111123456788/);
    expect(isValidCreditCode(code)).toBe(true);
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 17; i++) {
      const ch = charset[(charset.indexOf(code[i]) + 1) % 31];
      expect(isValidCreditCode(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
    }
    expect(creditCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('refuses malformed inputs to the maker', () => {
    expect(() => makeCreditCode('4401', '12345678')).toThrow(/6 digits/);
    expect(() => makeCreditCode('440111', '1234567A')).toThrow(/8 digits/);
  });
});
