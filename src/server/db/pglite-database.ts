// Embedded PostgreSQL (PGlite, WebAssembly) with PostGIS, stored in a directory on disk.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database, Queryable } from './database.ts';

// PGlite runs each statement synchronously on this thread. A request that sends statement after
// statement (an export's pages) would queue its next one before Node reads any other socket, so
// everyone else waited for all of them: each statement first lets pending I/O in (one event-loop turn).
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const wrap = (q: PGlite | Transaction): Queryable => ({
  async query<T>(sql: string, params: unknown[] = []) {
    await nextTurn();
    return (await q.query<T>(sql, params)).rows;
  },
  async exec(sql: string) {
    await q.exec(sql);
  },
});

export async function openPglite(dataDir: string): Promise<Database> {
  const pg = await PGlite.create(dataDir, { extensions: { postgis } });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    // PGlite runs one statement at a time; its transaction() holds a lock, so concurrent requests queue.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
