// Which village parks changed status between two dates, and how: the "changes between two dates"
// mode of the map counts and highlights them. Pure: it compares two status lists from the API.
import type { ParkStatus } from './renovation-workflow.ts';

export interface ParkChangeCounts {
  /** Parks whose category, progress or pilot year differs. */
  changed: number;
  category: number;
  progress: number;
  /** Parks that became pilots (had no pilot year before). */
  newPilots: number;
}

/** The ids of parks whose status differs between `before` and `after`, and the counts by kind. */
export function parkChanges(before: readonly (ParkStatus & { id: number })[], after: readonly (ParkStatus & { id: number })[]): { ids: Set<number>; counts: ParkChangeCounts } {
  const old = new Map(before.map((p) => [p.id, p]));
  const ids = new Set<number>();
  const counts: ParkChangeCounts = { changed: 0, category: 0, progress: 0, newPilots: 0 };
  for (const p of after) {
    const o = old.get(p.id);
    if (!o) continue;
    const category = o.category !== p.category;
    const progress = o.progress !== p.progress;
    const pilot = o.pilotYear !== p.pilotYear;
    if (!category && !progress && !pilot) continue;
    ids.add(p.id);
    counts.changed++;
    if (category) counts.category++;
    if (progress) counts.progress++;
    if (pilot && o.pilotYear === null) counts.newPilots++;
  }
  return { ids, counts };
}
