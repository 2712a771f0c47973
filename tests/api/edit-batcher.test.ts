// Group commit of status edits on PGlite (in its worker thread, as the server runs it): queued edits
// share a transaction and run side by side, never two of the same key; a refused edit (an HttpError,
// thrown before writing) leaves the others alone; any other failure re-runs every edit of the batch
// in its own transaction, so only the failing one fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { HttpError } from '../../src/server/http/errors.ts';
import { EditBatcher } from '../../src/server/parks/edit-batcher.ts';
import { copyTemplate, type TestDatabase } from '../helpers/test-db.ts';

describe('EditBatcher (pglite)', () => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await copyTemplate('pglite');
    db = t.db;
    await db.exec('CREATE TABLE batch_probe (k int PRIMARY KEY, v text)');
  });
  afterAll(() => t.drop());

  const keys = async () => (await db.query<{ k: number }>('SELECT k FROM batch_probe ORDER BY k')).map((r) => r.k);
  const settle = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);

  it('answers every queued edit with its own result, refusals included', async () => {
    const b = new EditBatcher(db);
    const results = await settle(Array.from({ length: 12 }, (_, k) => b.submit(async (tx) => {
      if (k % 4 === 3) throw new HttpError(409, `edit ${k} refused`);
      await tx.query('INSERT INTO batch_probe (k, v) VALUES ($1, $2)', [k, `edit ${k}`]);
      return k * 10;
    })));
    results.forEach((r, k) => {
      if (k % 4 === 3) expect(r).toMatchObject({ status: 'rejected', reason: { status: 409, message: `edit ${k} refused` } });
      else expect(r).toEqual({ status: 'fulfilled', value: k * 10 });
    });
    expect(await keys()).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
  });

  it('runs a batch\'s edits side by side, but never two with the same key (they follow in order)', async () => {
    await db.exec(`CREATE TABLE batch_counter (key text PRIMARY KEY, n int NOT NULL); INSERT INTO batch_counter VALUES ('a', 0), ('b', 0), ('c', 0)`);
    const b = new EditBatcher(db);
    // Read, then write what was read plus one, as a status edit does (lock-and-read, then a guarded update):
    // two such edits of one key in one batch would both read the same value.
    const bump = (key: string) => b.submit(async (tx) => {
      const [{ n }] = await tx.query<{ n: number }>('SELECT n FROM batch_counter WHERE key = $1 FOR UPDATE', [key]);
      const [row] = await tx.query<{ n: number; xid: string }>(
        'UPDATE batch_counter SET n = n + 1 WHERE key = $1 AND n = $2 RETURNING n, txid_current()::text AS xid', [key, n]);
      if (!row) throw new Error(`${key} changed between read and write`);
      return row;
    }, key);
    // The first edit starts a transaction of its own at once; the next six queue behind it and make the batches.
    const first = bump('c');
    const rest = ['a', 'b', 'a', 'c', 'a', 'b'].map(bump);
    const [, a1, b1, a2, c2, a3, b2] = await Promise.all([first, ...rest]);
    expect([a1.n, a2.n, a3.n, b1.n, b2.n, c2.n]).toEqual([1, 2, 3, 1, 2, 2]);
    // Batches: {a1, b1, c2}, {a2, b2}, {a3}; an edit that had to be re-run alone would have a transaction of its own.
    expect(new Set([a1.xid, b1.xid, c2.xid]).size).toBe(1);
    expect(b2.xid).toBe(a2.xid);
    expect(new Set([a1.xid, a2.xid, a3.xid]).size).toBe(3);
  });

  it('re-runs a batch one by one when a database error aborts it: only the bad edit fails', async () => {
    const b = new EditBatcher(db);
    // 100 and 101 are new; the third repeats key 100 (a primary-key violation) whether run with them or alone.
    const results = await settle([100, 101, 100, 102].map((k, i) => b.submit(async (tx) => {
      await tx.query('INSERT INTO batch_probe (k, v) VALUES ($1, $2)', [k, `retry ${i}`]);
      return i;
    })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await keys()).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10, 100, 101, 102]);
    const [row] = await db.query<{ v: string }>('SELECT v FROM batch_probe WHERE k = 100');
    expect(row.v).toBe('retry 0');
  });
});
