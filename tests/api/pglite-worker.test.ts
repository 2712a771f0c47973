// PGlite on a worker thread (src/server/db/pglite-worker.ts), the way the server runs it
// (docs/architecture.md §8). Two copies of the test template, one opened in a worker and one in
// process, must answer alike: the same values with the same types after structured clone (int8 as
// number or bigint, numeric as text, Date, Uint8Array for bytea, parsed JSON), errors with their
// PostgreSQL fields (`code` above all: callers test 23505, 40001, 57014), transactions that hold
// everyone else back until they end, keyset paging as exports do it, and a clean close. An idle
// worker must not keep a process alive.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { openPglite } from '../../src/server/db/pglite-database.ts';
import { TEMPLATE_DIR, copyTemplate, type TestDatabase } from '../helpers/test-db.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Settles `p` and returns its error (or fails when it resolves). */
async function errorOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

const PG_FIELDS = ['message', 'code', 'severity', 'detail', 'hint', 'constraint', 'table', 'schema', 'routine'] as const;
const pgFields = (err: Record<string, unknown>) => Object.fromEntries(PG_FIELDS.map((k) => [k, err[k]]));

describe('PGlite in a worker thread', () => {
  let inWorker: TestDatabase;
  let inProcess: TestDatabase;
  let w: Database;
  let p: Database;

  beforeAll(async () => {
    [inWorker, inProcess] = await Promise.all([copyTemplate('pglite'), copyTemplate('pglite', { inProcess: true })]);
    w = inWorker.db;
    p = inProcess.db;
    for (const db of [w, p]) await db.exec('CREATE TABLE worker_probe (k int PRIMARY KEY, v text, b bytea, at timestamptz, doc jsonb)');
  });
  afterAll(async () => {
    await inWorker?.drop();
    await inProcess?.drop();
  });

  it('returns the values and types PGlite returns in process', async () => {
    const sql = `SELECT 7::int2 AS i2, 2147483647::int4 AS i4, 42::int8 AS i8, 9007199254740993::int8 AS big,
      12.345::numeric AS num, 0.1::float8 AS f8, 'NaN'::float8 AS nan, true AS yes, NULL::text AS nothing, 'Guangzhou 广州 ✓' AS t,
      '2021-06-30'::date AS d, '2021-06-30 12:34:56.789+08'::timestamptz AS ts, '2021-06-30 12:34:56'::timestamp AS ts0,
      '\\x00ff10'::bytea AS bytes, '{"a": [1, 2, {"b": null}], "c": "广州"}'::jsonb AS jb, '{"x":1}'::json AS j,
      ARRAY[1, 2, 3] AS ints, ARRAY['a', NULL] AS texts, ARRAY[9007199254740993]::int8[] AS bigs, interval '1 day' AS iv,
      ST_AsGeoJSON(ST_SetSRID(ST_MakePoint(113.26, 23.13), 4326)) AS geojson, ST_AsBinary(ST_MakePoint(1, 2)) AS wkb`;
    const [a] = await w.query<Record<string, unknown>>(sql);
    const [b] = await p.query<Record<string, unknown>>(sql);
    expect(a).toEqual(b);
    expect(a.i8).toBe(42);
    expect(a.big).toBe(9007199254740993n);
    expect(a.num).toBe('12.345'); // numeric stays text on PGlite; callers convert it (pg parses it, postgres-database.ts)
    expect(a.nan).toBeNaN();
    expect(a.d).toBeInstanceOf(Date);
    expect((a.ts as Date).toISOString()).toBe('2021-06-30T04:34:56.789Z');
    expect(a.bytes).toBeInstanceOf(Uint8Array);
    expect([...(a.bytes as Uint8Array)]).toEqual([0, 255, 16]);
    expect(a.jb).toEqual({ a: [1, 2, { b: null }], c: '广州' });
    expect(a.bigs).toEqual([9007199254740993n]);
    expect(a.nothing).toBeNull();
    expect(a.wkb).toBeInstanceOf(Uint8Array);
  });

  it('reads the seeded tables alike (bigint money, numeric sums, timestamps, geometry)', async () => {
    for (const sql of [
      'SELECT * FROM enterprises ORDER BY id LIMIT 50',
      'SELECT district, sum(revenue) AS revenue, count(*) AS n, max(updated_at) AS updated FROM enterprises GROUP BY district ORDER BY district',
      'SELECT p.*, ST_AsGeoJSON(p.geom) AS geojson FROM village_parks p ORDER BY id LIMIT 20',
      'SELECT * FROM park_status_history ORDER BY id LIMIT 50',
      'SELECT * FROM operating_figures ORDER BY enterprise_id, month LIMIT 100',
    ]) {
      const rows = await w.query<Record<string, unknown>>(sql);
      expect(rows.length, sql).toBeGreaterThan(0);
      expect(rows, sql).toEqual(await p.query(sql));
    }
  });

  it('sends parameters of every kind the code uses (Buffer, Date, bigint, JSON, arrays, null)', async () => {
    const pooled = Buffer.from([1, 2, 3]); // a view into Node's shared 8 KB pool: only its 3 bytes may arrive
    expect(pooled.buffer.byteLength).toBeGreaterThan(3);
    const large = Buffer.alloc(1 << 20, 7); // a report's PDF is about a megabyte
    const at = new Date('2021-01-02T03:04:05.678Z');
    for (const db of [w, p]) {
      await db.query('INSERT INTO worker_probe (k, v, b, at, doc) VALUES ($1, $2, $3, $4, $5::jsonb)', [1, 'small', pooled, at, JSON.stringify({ a: 1 })]);
      await db.query('INSERT INTO worker_probe (k, v, b, at, doc) VALUES ($1, $2, $3, $4, $5)', [2, null, large, null, { nested: [1, '二'] }]);
    }
    const sql = 'SELECT k, v, b, at, doc, length(b) AS len FROM worker_probe WHERE k = ANY($1::int[]) AND $2::int8 > 0 ORDER BY k';
    const rows = await w.query<{ k: number; v: string | null; b: Uint8Array; at: Date | null; doc: unknown; len: number }>(sql, [[1, 2], 9007199254740993n]);
    expect(rows).toEqual(await p.query(sql, [[1, 2], 9007199254740993n]));
    expect([...rows[0].b]).toEqual([1, 2, 3]);
    expect(rows[0].at).toEqual(at);
    expect(rows[0].doc).toEqual({ a: 1 });
    expect(rows[1].len).toBe(1 << 20);
    expect(rows[1].b.every((x) => x === 7)).toBe(true);
    expect(rows[1].doc).toEqual({ nested: [1, '二'] });
  });

  it('keeps PostgreSQL error fields across the thread boundary', async () => {
    const dup = 'INSERT INTO worker_probe (k) VALUES (1)';
    const a = await errorOf(w.query(dup));
    expect(a).toBeInstanceOf(Error);
    expect(a.code).toBe('23505');
    expect(a.constraint).toBe('worker_probe_pkey');
    expect(pgFields(a)).toEqual(pgFields(await errorOf(p.query(dup))));
    // The codes callers branch on, raised the way PostgreSQL reports them.
    for (const code of ['40001', '57014', '40P01']) {
      const raise = `DO $$ BEGIN RAISE EXCEPTION 'raised %', '${code}' USING ERRCODE = '${code}', HINT = 'try again'; END $$`;
      const e = await errorOf(w.exec(raise));
      expect(e.code).toBe(code);
      expect(e.message).toBe(`raised ${code}`);
      expect(e.hint).toBe('try again');
      expect(pgFields(e)).toEqual(pgFields(await errorOf(p.exec(raise))));
    }
    // A failure inside a transaction reaches its caller with its code, and the transaction is rolled back.
    const t = await errorOf(w.transaction(async (tx) => {
      await tx.query(`INSERT INTO worker_probe (k, v) VALUES (10, 'rolled back')`);
      await tx.query(dup);
    }));
    expect(t.code).toBe('23505');
    expect(await w.query('SELECT k FROM worker_probe WHERE k = 10')).toEqual([]);
  });

  it('commits, rolls back, and holds other statements back until a transaction ends', async () => {
    expect(await w.transaction(async (tx) => {
      await tx.query(`INSERT INTO worker_probe (k, v) VALUES (20, 'committed')`);
      return (await tx.query<{ v: string }>('SELECT v FROM worker_probe WHERE k = 20'))[0].v;
    })).toBe('committed');
    const boom = new Error('caller failed');
    await expect(w.transaction(async (tx) => {
      await tx.query(`INSERT INTO worker_probe (k, v) VALUES (21, 'rolled back')`);
      throw boom;
    })).rejects.toBe(boom);
    expect((await w.query<{ k: number }>('SELECT k FROM worker_probe WHERE k IN (20, 21)')).map((r) => r.k)).toEqual([20]);

    // While one transaction pauses between statements, a plain read and a second transaction wait for it.
    const events: string[] = [];
    const first = w.transaction(async (tx) => {
      await tx.query(`INSERT INTO worker_probe (k, v) VALUES (30, 'first')`);
      events.push('first wrote');
      await sleep(150);
      await tx.query(`UPDATE worker_probe SET v = 'first, later' WHERE k = 30`);
      events.push('first ends');
    });
    await sleep(30);
    const read = w.query<{ v: string }>('SELECT v FROM worker_probe WHERE k = 30').then((r) => events.push(`read ${r[0]?.v}`));
    const second = w.transaction(async (tx) => {
      events.push('second starts');
      await tx.query(`UPDATE worker_probe SET v = 'second' WHERE k = 30`);
    });
    await Promise.all([first, read, second]);
    expect(events).toEqual(['first wrote', 'first ends', 'read first, later', 'second starts']);
    expect(await w.query('SELECT v FROM worker_probe WHERE k = 30')).toEqual([{ v: 'second' }]);

    // A transaction's handle is dead once it has ended.
    let leaked: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
    await w.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toThrow(/closed/i);
  });

  it('leaves this thread free while a statement runs (in process, the statement blocks it)', async () => {
    // What the worker is for: requests that need no database (cached answers, tiles, static files)
    // and the parsing of those that do go on while PGlite works. Counted as timer ticks, not timed.
    const ticksDuring = async (db: Database) => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      try {
        await db.query('SELECT pg_sleep(1)');
      } finally {
        clearInterval(timer);
      }
      return ticks;
    };
    expect(await ticksDuring(w)).toBeGreaterThanOrEqual(10); // about 100 on an idle machine
    expect(await ticksDuring(p)).toBeLessThanOrEqual(2);
  });

  it('pages through rows by keyset, 2,000 at a time, as exports do', async () => {
    const page = 'SELECT id, name, revenue FROM enterprises WHERE id > $1 ORDER BY id LIMIT 2000';
    const seen: number[] = [];
    let pages = 0;
    for (let last = 0; ; pages++) {
      const rows = await w.query<{ id: number }>(page, [last]);
      seen.push(...rows.map((r) => r.id));
      if (rows.length < 2000) break;
      last = rows[rows.length - 1].id;
    }
    const all = await p.query<{ id: number }>('SELECT id FROM enterprises ORDER BY id');
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it('closes cleanly (twice is fine), refuses statements afterwards, and leaves its writes on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'igis-worker-'));
    try {
      cpSync(TEMPLATE_DIR, dir, { recursive: true });
      const db = await openPglite(dir, { worker: true });
      await db.exec('CREATE TABLE closed_probe (k int)');
      await db.query('INSERT INTO closed_probe VALUES (1), (2)');
      await Promise.all([db.close(), db.close()]);
      await expect(db.query('SELECT 1')).rejects.toThrow(/closed/i);
      const again = await openPglite(dir);
      try {
        expect(await again.query('SELECT count(*)::int AS n FROM closed_probe')).toEqual([{ n: 2 }]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not keep a process alive when idle, even if nobody closes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'igis-worker-'));
    try {
      cpSync(TEMPLATE_DIR, dir, { recursive: true });
      const module = pathToFileURL(resolve('src/server/db/pglite-database.ts')).href;
      const script = `const { openPglite } = await import(${JSON.stringify(module)});
        const db = await openPglite(${JSON.stringify(dir)}, { worker: true });
        const [r] = await db.query('SELECT count(*)::int AS n FROM village_parks');
        console.log('parks', r.n);`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 90_000 });
      expect(r.stderr).toBe('');
      expect(r.signal, 'the process had to be killed: the idle worker kept it alive').toBeNull();
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^parks [1-9]\d*$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
