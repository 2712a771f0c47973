// The renovation workflow of a village industrial park: which status changes are legal.
//
//   category:  unclassified ──► eliminate | convert | upgrade      (a path is chosen)
//              a path may be changed, or reset to unclassified, only while progress is not_started:
//              once work has begun the path is fixed.
//   progress:  not_started ──► in_progress ──► completed
//              in_progress ──► not_started   (work suspended)
//              completed   ──► in_progress   (reopened; administrators only)
//              skipping a step (not_started → completed) is illegal, and an unclassified park
//              cannot start work.
//   pilot:     a pilot year is one of the plan's years; an eliminated park cannot be a
//              quality-and-efficiency pilot (提质增效试点 are parks being improved, not closed).
import { problem, type Problem } from './problems.ts';
import { taxonomy, type RenovationCategory, type RenovationProgress } from './taxonomy.ts';

export interface ParkStatus {
  category: RenovationCategory;
  progress: RenovationProgress;
  pilotYear: number | null;
}

export interface StatusChange {
  category?: RenovationCategory;
  progress?: RenovationProgress;
  pilotYear?: number | null;
}

export type Actor = 'admin' | 'official';

const PROGRESS_STEPS: Record<RenovationProgress, RenovationProgress[]> = {
  not_started: ['in_progress'],
  in_progress: ['completed', 'not_started'],
  completed: [],
};

/** The status after applying a change (fields left out keep their value). */
export function applyChange(from: ParkStatus, change: StatusChange): ParkStatus {
  return {
    category: change.category ?? from.category,
    progress: change.progress ?? from.progress,
    pilotYear: change.pilotYear === undefined ? from.pilotYear : change.pilotYear,
  };
}

/** Why the change is illegal, as a code and its parameters (the app words it); null when it is legal. */
export function transitionCheck(from: ParkStatus, change: StatusChange, actor: Actor): { problem: Problem; message: string } | null {
  const to = applyChange(from, change);
  if (to.category !== from.category && from.progress !== 'not_started')
    return { problem: problem('workflow_path_fixed', { from: from.category, to: to.category, progress: from.progress }),
      message: `The renovation path cannot change from "${from.category}" to "${to.category}" once work is ${from.progress === 'completed' ? 'completed' : 'in progress'}.` };
  if (to.progress !== from.progress) {
    const reopen = from.progress === 'completed' && to.progress === 'in_progress';
    if (reopen && actor !== 'admin') return { problem: problem('workflow_reopen_admin_only'), message: 'Only a city administrator can reopen a completed renovation.' };
    if (!reopen && !PROGRESS_STEPS[from.progress].includes(to.progress))
      return { problem: problem('workflow_progress_step', { from: from.progress, to: to.progress, allowed: PROGRESS_STEPS[from.progress] }),
        message: `Progress cannot go from "${from.progress}" to "${to.progress}"; allowed next steps: ${PROGRESS_STEPS[from.progress].join(', ') || 'none'}.` };
  }
  if (to.category === 'unclassified' && to.progress !== 'not_started') return { problem: problem('workflow_category_needed'), message: 'Choose a renovation category before work starts.' };
  if (to.pilotYear !== null && !taxonomy.pilotYears.includes(to.pilotYear))
    return { problem: problem('workflow_pilot_year', { year: to.pilotYear, allowed: [...taxonomy.pilotYears] }), message: `Pilot year must be one of ${taxonomy.pilotYears.join(', ')}.` };
  if (to.pilotYear !== null && to.category === 'eliminate') return { problem: problem('workflow_pilot_eliminated'), message: 'A park being eliminated cannot be a quality-and-efficiency pilot.' };
  if (to.category === from.category && to.progress === from.progress && to.pilotYear === from.pilotYear) return { problem: problem('workflow_no_change'), message: 'The change does not change anything.' };
  return null;
}

/** Why the change is illegal, in English words (the API's text); null when it is legal. */
export function transitionProblem(from: ParkStatus, change: StatusChange, actor: Actor): string | null {
  return transitionCheck(from, change, actor)?.message ?? null;
}
