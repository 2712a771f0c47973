// The server's shared HTTP rules: numbers in the query (one way, a bad one is a 400 naming the field,
// never a silent default), versions and If-Match (428 / 412), and domain errors → HTTP status.
import { describe, expect, it } from 'vitest';
import { HttpError, DOMAIN_STATUS } from '../../src/server/http/errors.ts';
import { intListParam, intParam, optionalIntParam } from '../../src/server/http/params.ts';
import { assertVersion, withCurrentOn412 } from '../../src/server/http/optimistic-lock.ts';
import { ImportError } from '../../src/server/imports/import-error.ts';
import { problem } from '../../src/domain/problems.ts';

const refusal = (f: () => unknown): HttpError => {
  try {
    f();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('no error thrown');
};

describe('query numbers', () => {
  it('reads digits within the bounds; absent or empty is the default', () => {
    expect(intParam('limit', '20', 1, 100, 50)).toBe(20);
    expect(intParam('limit', undefined, 1, 100, 50)).toBe(50);
    expect(intParam('limit', '', 1, 100, 50)).toBe(50);
    expect(optionalIntParam('year', undefined, 0, 9999)).toBeUndefined();
    expect(optionalIntParam('year', '2021', 0, 9999)).toBe(2021);
  });

  it.each(['1.5', '1e3', '0x10', ' 7', 'Infinity', '-1', '101', 'abc'])('refuses %j with a 400 naming the field', (value) => {
    const err = refusal(() => optionalIntParam('limit', value, 0, 100));
    expect(err.status).toBe(400);
    expect(err.problem?.code).toBe('query_invalid');
    expect(err.fields).toHaveProperty('limit');
  });

  it('reads id lists: [] when empty, an empty item is a 400 rather than a 0', () => {
    expect(intListParam('ids', undefined, 1, 1e9)).toBeUndefined();
    expect(intListParam('ids', '', 1, 1e9)).toEqual([]);
    expect(intListParam('ids', '3,1,2', 1, 1e9)).toEqual([3, 1, 2]);
    expect(refusal(() => intListParam('ids', '1,,2', 1, 1e9)).status).toBe(400);
    expect(refusal(() => intListParam('ids', '1,x', 1, 1e9)).fields).toHaveProperty('ids');
  });
});

describe('versions and If-Match', () => {
  const what = { thing: 'park' as const, name: 'A', stale: (c: number, e: number) => `now ${c}, you had ${e}` };

  it('passes the current version, 428 without one, 412 with an old one', async () => {
    expect(() => assertVersion(3, 3, what)).not.toThrow();
    const missing = refusal(() => assertVersion(null, 3, what));
    expect([missing.status, missing.problem?.code]).toEqual([428, 'if_match_required']);
    const stale = refusal(() => assertVersion(2, 3, what));
    expect([stale.status, stale.message, stale.extra]).toEqual([412, 'now 3, you had 2', { currentVersion: 3 }]);
    expect(stale.problem).toEqual(problem('version_conflict', { thing: 'park', current: 3, yours: 2, name: 'A' }));
  });

  it('answers a 412 again with the record as it is now, other errors unchanged', async () => {
    const stale = refusal(() => assertVersion(2, 3, what));
    const again = await withCurrentOn412(async () => ({ current: { id: 1 } }))(stale).catch((e: HttpError) => e);
    expect([again.status, again.extra, again.problem]).toEqual([412, { current: { id: 1 } }, stale.problem]);
    const other = new HttpError(409, 'no');
    expect(await withCurrentOn412(async () => ({}))(other).catch((e: unknown) => e)).toBe(other);
  });
});

describe('domain errors', () => {
  it('carry a kind and a problem, and one table gives their status', () => {
    const err = new ImportError('too_large', 'too big', problem('file_empty'));
    expect(err).not.toBeInstanceOf(HttpError);
    expect(DOMAIN_STATUS[err.kind]).toBe(413);
    expect(DOMAIN_STATUS).toEqual({ invalid: 400, not_found: 404, conflict: 409, too_large: 413, unsupported: 415, rejected: 422 });
  });
});
