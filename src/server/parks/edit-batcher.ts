// Group commit for status edits on the embedded database. PGlite runs one statement at a time and a
// transaction's BEGIN and COMMIT cost about as much as the edit itself, so when editors queue up,
// the waiting edits are run together in one transaction, and each answered after that commit.
// The edits of a batch are started together: their statements queue on the database, so PGlite on its
// worker thread always has the next one waiting instead of idling while this thread handles the answer
// to the previous one (docs/architecture.md §8). Edits with the same key (the same park) never share a
// batch: each would read the row before the other wrote it. An edit that is refused (an HttpError:
// 403, 404, 409, 412, 428) is refused before it writes anything, so the others go on; any other error
// rolls the batch back and its edits are run again one transaction each, so one failure never fails
// the others. PostgreSQL runs edits in parallel and does not use this.
import type { Database, Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';

type Work<T> = (tx: Queryable) => Promise<T>;
interface Queued {
  work: Work<unknown>;
  key?: string | number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class EditBatcher {
  private readonly queue: Queued[] = [];
  private running = false;

  constructor(private readonly db: Database, private readonly maxBatch = 32) {}

  /** Runs `work` in a transaction, possibly shared with other queued edits and run alongside them.
   * `work` may throw an HttpError only before it writes. Works with the same `key` run one after
   * another, in the order submitted, in different transactions. */
  submit<T>(work: Work<T>, key?: string | number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, key, resolve: resolve as (v: unknown) => void, reject });
      void this.pump();
    });
  }

  /** The next batch: up to maxBatch queued edits, at most one per key; the others keep their place. */
  private take(): Queued[] {
    const batch: Queued[] = [];
    const keys = new Set<string | number>();
    const rest: Queued[] = [];
    for (const item of this.queue) {
      if (batch.length < this.maxBatch && (item.key === undefined || !keys.has(item.key))) {
        batch.push(item);
        if (item.key !== undefined) keys.add(item.key);
      } else rest.push(item);
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return batch;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) await this.runBatch(this.take());
    } finally {
      this.running = false;
    }
  }

  private async runAlone(item: Queued): Promise<void> {
    try {
      item.resolve(await this.db.transaction(item.work));
    } catch (err) {
      item.reject(err);
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    if (batch.length === 1) return this.runAlone(batch[0]);
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await this.db.transaction(async (tx) => {
        const settled = await Promise.allSettled(batch.map((item) => item.work(tx)));
        const failed = settled.find((o): o is PromiseRejectedResult => o.status === 'rejected' && !(o.reason instanceof HttpError));
        if (failed) throw failed.reason;
        return settled;
      });
    } catch {
      for (const item of batch) await this.runAlone(item);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i];
      if (o.status === 'fulfilled') item.resolve(o.value);
      else item.reject(o.reason);
    });
  }
}
