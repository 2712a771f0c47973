// The legal status changes, as a table the edit statement can check in SQL, generated from the one
// definition in src/domain/renovation-workflow.ts at every start (so the two can never disagree).
// With the check inside the statement, an edit is one round trip to the database.
import { applyChange, transitionProblem, type Actor, type ParkStatus } from '../../domain/renovation-workflow.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from './database.ts';

/** pilot_year NULL is stored as 0 so that plain equality works in the lookup. */
const pilotKey = (y: number | null) => y ?? 0;

export function legalTransitions(): { actor: Actor; from: ParkStatus; to: ParkStatus }[] {
  const states: ParkStatus[] = [];
  for (const c of taxonomy.renovationCategories)
    for (const p of taxonomy.renovationProgress)
      for (const y of [null, ...taxonomy.pilotYears]) states.push({ category: c.code, progress: p.code, pilotYear: y });
  const out: { actor: Actor; from: ParkStatus; to: ParkStatus }[] = [];
  for (const actor of ['admin', 'official'] as const)
    for (const from of states)
      for (const to of states)
        if (transitionProblem(from, { category: to.category, progress: to.progress, pilotYear: to.pilotYear }, actor) === null) {
          const reached = applyChange(from, to);
          out.push({ actor, from, to: reached });
        }
  return out;
}

export async function syncTransitions(db: Database): Promise<number> {
  const rows = legalTransitions().map((t) => [t.actor, t.from.category, t.from.progress, pilotKey(t.from.pilotYear), t.to.category, t.to.progress, pilotKey(t.to.pilotYear)]);
  await db.transaction(async (tx) => {
    // Server processes starting together take turns, or their inserts would collide.
    await tx.query('SELECT pg_advisory_xact_lock(724002)');
    await tx.query('DELETE FROM renovation_transitions');
    await tx.query(
      `INSERT INTO renovation_transitions (actor, from_category, from_progress, from_pilot, to_category, to_progress, to_pilot)
       SELECT r->>0, r->>1, r->>2, (r->>3)::int, r->>4, r->>5, (r->>6)::int FROM jsonb_array_elements($1::jsonb) r`,
      [JSON.stringify(rows)],
    );
  });
  return rows.length;
}
