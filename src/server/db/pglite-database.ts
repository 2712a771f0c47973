// Embedded PostgreSQL (PGlite, WebAssembly) with PostGIS, stored in a directory on disk.
// Two ways to run it (docs/architecture.md §8):
// - in a worker thread (`{ worker: true }`, what the server does): PGlite runs on its own thread and
//   this one only sends statements and receives rows, so HTTP work and the database use both cores;
// - in process (the default here): for scripts, seeding and tests that do nothing else meanwhile.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database, Queryable } from './database.ts';
import { fromWire, type Reply, type Request } from './pglite-worker-protocol.ts';

export interface PgliteOptions {
  /** Run PGlite in a worker thread (pglite-worker.ts) instead of on this thread. */
  worker?: boolean;
}

export function openPglite(dataDir: string, opts: PgliteOptions = {}): Promise<Database> {
  return opts.worker ? openInWorker(dataDir) : openInProcess(dataDir);
}

// In process, PGlite runs each statement synchronously on this thread. A request that sends statement
// after statement (an export's pages) would queue its next one before Node reads any other socket, so
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

async function openInProcess(dataDir: string): Promise<Database> {
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

/** A request before it gets its id (Omit over each member of the union). */
type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
type Op = WithoutId<Request>;

/** Starts pglite-worker.ts. Run from TypeScript sources (tsx, vitest), the worker has no TypeScript
 * loader of its own (Node 20 does not apply `--import tsx` to a worker's entry), so it loads the
 * entry through tsx's API; a compiled build loads the .js file next to this one. */
function startWorker(dataDir: string): Worker {
  const self = fileURLToPath(import.meta.url);
  const entry = new URL(`./pglite-worker${extname(self)}`, import.meta.url).href;
  const code = extname(self) === '.ts'
    ? `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`
    : `import(${JSON.stringify(entry)})`;
  return new Worker(code, { eval: true, workerData: { dataDir }, name: 'pglite' });
}

async function openInWorker(dataDir: string): Promise<Database> {
  const worker = startWorker(dataDir);
  const pending = new Map<number, { resolve: (rows: unknown[] | undefined) => void; reject: (err: Error) => void }>();
  let seq = 0;
  let txSeq = 0;
  let failure: Error | undefined;
  let closing: Promise<void> | undefined;

  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  // The worker is referenced (keeps the process alive) only while a request is pending: an idle one
  // must not (PGlite in process never did, and a script that forgets close() must still end).
  const opened = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (r: Reply) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (pending.size === 0) worker.unref();
    if ('error' in r) p.reject(fromWire(r.error));
    else p.resolve(r.rows);
  });
  worker.on('error', (err) => fail(new Error(`the embedded database's worker thread failed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => fail(new Error(`the embedded database's worker thread has stopped (exit code ${code})`)));

  const call = (op: Op): Promise<unknown[] | undefined> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = ++seq;
      pending.set(id, { resolve, reject });
      if (pending.size === 1) worker.ref();
      try {
        worker.postMessage({ ...op, id });
      } catch (err) {
        // A parameter structured clone cannot copy (a function, a class with private state).
        pending.delete(id);
        if (pending.size === 0) worker.unref();
        reject(err as Error);
      }
    });

  const queryable = (tx?: number): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      return (await call({ op: 'query', sql, params, tx })) as T[];
    },
    async exec(sql: string) {
      await call({ op: 'exec', sql, tx });
    },
  });

  try {
    await opened;
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  return {
    kind: 'pglite',
    ...queryable(),
    // BEGIN, the statements and COMMIT/ROLLBACK run on the worker inside PGlite's transaction(), which
    // holds its lock: other statements and transactions wait there until this one ends.
    async transaction(fn) {
      const tx = ++txSeq;
      await call({ op: 'begin', tx });
      let result;
      try {
        result = await fn(queryable(tx));
      } catch (err) {
        await call({ op: 'rollback', tx }).catch(() => undefined);
        throw err;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    close() {
      // Idempotent: test helpers and shutdown paths may both close.
      closing ??= (async () => {
        try {
          if (!failure) await call({ op: 'close' });
        } finally {
          failure ??= new Error('PGlite is closed');
          await worker.terminate();
        }
      })();
      return closing;
    },
  };
}
