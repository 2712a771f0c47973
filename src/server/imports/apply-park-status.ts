// Applies a park status file (kind parkStatus, issue 15), all or nothing, in the caller's transaction.
// Each row that changes something goes through the same code as a single edit and the old bulk CSV
// (`applyOrPropose` in parks/proposals.ts): the park's row lock, the version the dry run saw (a park
// changed since fails the whole apply with 422, bulk_row_failed), the district, the workflow and the
// effective date are checked again, and whether the change needs the city's review is decided again
// under the rules of this moment. Direct changes write the park and a park_status_history row with
// source 'bulk' (what the history timeline shows as 批量更新); reviewed ones become proposals
// (source 'bulk'). Rows the dry run found unchanged are skipped. Unlike the set-based appliers this
// runs two statements per changed row: a file is one district's parks (a few hundred), and the row
// locks let status edits go on in other parks meanwhile.
import type { ParkStatusRecord } from '../../domain/import/validate-park-status.ts';
import { problem } from '../../domain/problems.ts';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { HttpError } from '../http/errors.ts';
import { DomainError } from '../domain-error.ts';
import { applyOrPropose } from '../parks/proposals.ts';
import type { ApplyContext, KindResult } from './apply-sql.ts';

/** The uploader as a session user: the CLI's named operator acts as an administrator. */
function actorOf(ctx: ApplyContext): SessionUser {
  const { user } = ctx;
  // The CLI has no user id: its history rows are written without one.
  return { id: user.id as number, username: user.username, role: user.role ?? 'admin', district: user.district ?? null };
}

export async function applyParkStatus(tx: Queryable, ctx: ApplyContext): Promise<KindResult> {
  const records = (await tx.query<{ record: ParkStatusRecord }>('SELECT record FROM import_records WHERE import_id = $1 ORDER BY row_no', [ctx.importId])).map((r) => r.record);
  const user = actorOf(ctx);
  let updated = 0;
  let proposed = 0;
  let unchanged = 0;
  const history: { key: string; id: number; changes: Record<string, [unknown, unknown]> }[] = [];
  for (const r of records) {
    if (r.outcome === 'unchanged') {
      unchanged++;
      continue;
    }
    try {
      const done = await applyOrPropose(tx, user, { parkId: r.parkId, expectedVersion: r.version, change: r.change, reason: r.reason, effectiveDate: r.effectiveDate });
      if (done.outcome === 'proposed') {
        proposed++;
        continue;
      }
      updated++;
      const changes: Record<string, [unknown, unknown]> = {};
      if (r.from.category !== r.to.category) changes.category = [r.from.category, r.to.category];
      if (r.from.progress !== r.to.progress) changes.progress = [r.from.progress, r.to.progress];
      if (r.from.pilotYear !== r.to.pilotYear) changes.pilotYear = [r.from.pilotYear, r.to.pilotYear];
      history.push({ key: r.code, id: r.parkId, changes });
    } catch (err) {
      if (err instanceof HttpError)
        throw new DomainError('rejected', `Nothing was applied: row ${r.row} (park ${r.code}): ${err.message}`,
          problem('bulk_row_failed', { line: r.row, park: r.name || r.code, cause: err.problem ?? { code: 'server_error' } }));
      throw err;
    }
  }
  if (history.length)
    await tx.query(
      `INSERT INTO record_history (kind, record_key, record_id, import_id, user_id, username, action, changes)
       SELECT 'parkStatus', h->>'key', (h->>'id')::int, $1, $2, $3, 'updated', h->'changes' FROM jsonb_array_elements($4::jsonb) h`,
      [ctx.importId, ctx.user.id, ctx.user.username, JSON.stringify(history)],
    );
  return { added: 0, updated, unchanged, proposed };
}
