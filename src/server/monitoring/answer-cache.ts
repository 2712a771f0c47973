// Answers of the indicator engine, the warnings and the enterprise list, kept per data revision.
//
// Why: a dashboard asks about ten questions at once, and every planner opening it asks the same ones;
// on the embedded database they run one at a time. An answer depends only on the question, who asks
// (role, district, language) and the data, and the data's revision (answers_revision, migration 12)
// is bumped by triggers in the transaction of every change the answers read. So an answer computed
// at revision r is the answer to the same question for as long as the revision is r, in every server
// process (each checks the revision per request: one indexed row). The same question asked while it
// is being computed waits for that computation instead of starting another.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.ts';

/** How many answers one database's cache keeps (the least recently used go first). */
const CAPACITY = 2000;

interface Cache {
  revision: string;
  entries: Map<string, Promise<unknown>>;
}

/** One cache per database object: tests and tools open several databases in one process. */
const caches = new WeakMap<object, Cache>();

export async function readAnswersRevision(db: Queryable): Promise<string> {
  const [row] = await db.query<{ revision: string }>('SELECT revision::text AS revision FROM answers_revision');
  return row.revision;
}

/**
 * The cached answer to `question` (any JSON: the route, the parsed query, who asks), else
 * `compute()`'s, kept for this revision. Failures are not kept.
 */
export async function cachedAnswer<T>(db: Queryable, question: unknown, compute: () => Promise<T>): Promise<T> {
  const revision = await readAnswersRevision(db);
  let cache = caches.get(db);
  if (!cache || cache.revision !== revision) {
    cache = { revision, entries: new Map() };
    caches.set(db, cache);
  }
  const key = createHash('sha256').update(JSON.stringify(question)).digest('base64url');
  const hit = cache.entries.get(key);
  if (hit) {
    // Map order is insertion order: re-inserting marks the entry as recently used.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit as Promise<T>;
  }
  const answer = compute();
  const entries = cache.entries;
  entries.set(key, answer);
  answer.catch(() => entries.delete(key));
  while (entries.size > CAPACITY) entries.delete(entries.keys().next().value!);
  return answer;
}
