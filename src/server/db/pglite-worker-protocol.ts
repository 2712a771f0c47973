// Messages between the server's main thread (PgliteDatabase in pglite-database.ts) and the worker
// thread that owns the embedded database (pglite-worker.ts); see docs/architecture.md §8.
// @electric-sql/pglite ships a `worker` entry, but it is built for browser Web Workers: it elects a
// leader tab with navigator.locks and talks over BroadcastChannel, and Node 20 has no
// navigator.locks. So this small protocol is written by hand for node:worker_threads.
//
// Every request carries an id; the worker answers each with the same id, in whatever order PGlite
// finishes them. Statements of a transaction carry its `tx` number (chosen by the main thread).
// Values travel by structured clone, which keeps what PGlite returns as it is: numbers, bigint (int8
// beyond 2^53), strings (numeric), Date (date, timestamp, timestamptz), Uint8Array (bytea), parsed
// JSON, arrays, null. A Buffer parameter arrives as a Uint8Array, which PGlite serialises the same way.

export type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' | 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

/** `rows` for a query; nothing for the others. Id 0 answers the opening of the database. */
export type Reply = { id: number; rows?: unknown[] } | { id: number; error: WireError };

/** An error as it crosses the thread boundary: structured clone keeps an Error's message but drops
 * PostgreSQL's fields (`code`, `detail`, `constraint`, …), which callers test (23505, 40001, 57014). */
export interface WireError {
  message: string;
  stack?: string;
  fields: Record<string, string | number | boolean | null>;
}

// The parameters may be megabytes (imports send 4 MB of JSON per statement) and are the caller's own
// values; the options hold functions. Neither is worth sending back.
const NOT_SENT = new Set(['message', 'stack', 'params', 'queryOptions']);

export function toWire(err: unknown): WireError {
  if (!(err instanceof Error)) return { message: String(err), fields: {} };
  const fields: WireError['fields'] = {};
  for (const key of Object.getOwnPropertyNames(err)) {
    const value = (err as unknown as Record<string, unknown>)[key];
    if (NOT_SENT.has(key)) continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value as string | number | boolean | null;
  }
  return { message: err.message, stack: err.stack, fields };
}

export function fromWire(wire: WireError): Error {
  const err = Object.assign(new Error(wire.message), wire.fields);
  if (wire.stack) err.stack = `${wire.stack}\n    (in the embedded database's worker thread)`;
  return err;
}
