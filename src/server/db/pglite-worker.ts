// The worker thread that owns the embedded database (PGlite + PostGIS) when the server runs it off
// the request thread (docs/architecture.md §8). PGlite executes each statement synchronously in
// WebAssembly; here that blocks only this thread, so the main thread keeps parsing requests and
// writing answers on the other core. Started by pglite-database.ts; the messages are in
// pglite-worker-protocol.ts.
//
// Ordering is PGlite's own: its query() and transaction() wait for the transaction that is open,
// and the statements of that transaction (sent with its `tx`) go to its Transaction object, so
// everyone else queues behind it exactly as in process.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { toWire, type Reply, type Request } from './pglite-worker-protocol.ts';

const port = parentPort!;
const { dataDir } = workerData as { dataDir: string };

interface OpenTransaction {
  tx?: Transaction;
  decide: (commit: boolean) => void;
  /** Resolves when PGlite has committed or rolled back: null, or the error (never rejects, so an
   * outcome nobody has asked for yet is not an unhandled rejection that would end this thread). */
  done: Promise<unknown>;
}

/** Thrown inside PGlite's transaction() to make it roll back. */
const ROLLBACK = Symbol('rollback');

const send = (reply: Reply) => {
  try {
    port.postMessage(reply);
  } catch (err) {
    // A value structured clone cannot copy: answer with the error instead of leaving the caller waiting.
    port.postMessage({ id: reply.id, error: toWire(err) });
  }
};

let pg: PGlite;
try {
  pg = await PGlite.create(dataDir, { extensions: { postgis } });
} catch (err) {
  send({ id: 0, error: toWire(err) }); // queued on the main thread's side before this thread ends
  throw err;
}

const transactions = new Map<number, OpenTransaction>();
const inFlight = new Set<Promise<void>>();

function begin(id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let decide!: (commit: boolean) => void;
    const decided = new Promise<boolean>((r) => (decide = r));
    const entry: OpenTransaction = { decide, done: Promise.resolve(null) };
    transactions.set(id, entry);
    entry.done = pg
      .transaction(async (tx) => {
        entry.tx = tx;
        resolve();
        if (!(await decided)) throw ROLLBACK;
      })
      .then(
        () => null,
        (err: unknown) => (err === ROLLBACK ? null : err),
      );
    // BEGIN itself failed (the database is closing): the callback never ran.
    void entry.done.then((err) => {
      if (!entry.tx) {
        transactions.delete(id);
        reject(err ?? new Error('the transaction did not start'));
      }
    });
  });
}

async function end(id: number, commit: boolean): Promise<void> {
  const entry = transactions.get(id);
  if (!entry) throw new Error('Transaction is closed');
  transactions.delete(id);
  entry.decide(commit);
  const err = await entry.done;
  if (err) throw err;
}

function target(tx: number | undefined): PGlite | Transaction {
  if (tx === undefined) return pg;
  const t = transactions.get(tx)?.tx;
  if (!t) throw new Error('Transaction is closed');
  return t;
}

async function close(): Promise<void> {
  // Open transactions are rolled back and running statements finish before PGlite closes, so the
  // data directory is left as after a clean shutdown.
  for (const entry of transactions.values()) entry.decide(false);
  await Promise.allSettled([...inFlight, ...[...transactions.values()].map((t) => t.done)]);
  await pg.close();
}

async function handle(m: Request): Promise<unknown[] | undefined> {
  switch (m.op) {
    case 'query':
      return (await target(m.tx).query(m.sql, m.params)).rows;
    case 'exec':
      await target(m.tx).exec(m.sql);
      return undefined;
    case 'begin':
      await begin(m.tx);
      return undefined;
    case 'commit':
    case 'rollback':
      await end(m.tx, m.op === 'commit');
      return undefined;
    case 'close':
      await close();
      return undefined;
  }
}

port.on('message', (m: Request) => {
  const work = handle(m).then(
    (rows) => send(rows ? { id: m.id, rows } : { id: m.id }),
    (err: unknown) => send({ id: m.id, error: toWire(err) }),
  );
  if (m.op !== 'close') {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }
});

send({ id: 0 });
