// Group commit for status edits on the embedded database. PGlite runs one statement at a time and a
// transaction's BEGIN and COMMIT cost about as much as the edit itself, so when editors queue up,
// the waiting edits are run together in one transaction, one after another, and each answered
// after that commit. An edit that is refused (an HttpError: 403, 404, 409, 412, 428) is refused
// before it writes anything, so the others go on; any other error rolls the batch back and its
// edits are run again one transaction each, so one failure never fails the others.
// PostgreSQL runs edits in parallel and does not use this.
import type { Database, Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';

type Work<T> = (tx: Queryable) => Promise<T>;
interface Queued {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class EditBatcher {
  private readonly queue: Queued[] = [];
  private running = false;

  constructor(private readonly db: Database, private readonly maxBatch = 32) {}

  /** Runs `work` in a transaction, possibly shared with other queued edits. `work` may throw an HttpError only before it writes. */
  submit<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) await this.runBatch(this.queue.splice(0, this.maxBatch));
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
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.db.transaction(async (tx) => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: await item.work(tx) });
          } catch (err) {
            if (!(err instanceof HttpError)) throw err;
            outcomes.push({ ok: false, value: err });
          }
        }
      });
    } catch {
      for (const item of batch) await this.runAlone(item);
      return;
    }
    batch.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)));
  }
}
