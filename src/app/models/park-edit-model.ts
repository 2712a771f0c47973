// The edit form's model, apart from React: what the form would change, whether the workflow allows
// it (the same rules the server applies, so hints match; the server still decides), and the
// client-side checks of reason and date.
import type { Problem } from '../../domain/problems.ts';
import { transitionCheck, type Actor, type ParkStatus, type StatusChange } from '../../domain/renovation-workflow.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { ParkProperties } from '../api/types.ts';
import { todayInChina } from '../i18n/format.ts';
import { t, tf } from '../i18n/messages.ts';

export interface EditDraft extends ParkStatus {
  reason: string;
  effectiveDate: string;
}

export const statusOf = (p: ParkProperties): ParkStatus => ({ category: p.category, progress: p.progress, pilotYear: p.pilotYear });

/** Only the fields that differ from the current status. */
export function changeFrom(current: ParkStatus, wanted: ParkStatus): StatusChange {
  const change: StatusChange = {};
  if (wanted.category !== current.category) change.category = wanted.category;
  if (wanted.progress !== current.progress) change.progress = wanted.progress;
  if (wanted.pilotYear !== current.pilotYear) change.pilotYear = wanted.pilotYear;
  return change;
}

export const isEmpty = (change: StatusChange) => Object.keys(change).length === 0;

/** The workflow's objection to going from `current` to `wanted` (a problem the app words); null when legal or when nothing changes. */
export function workflowProblem(current: ParkStatus, wanted: ParkStatus, actor: Actor): Problem | null {
  const change = changeFrom(current, wanted);
  return isEmpty(change) ? null : transitionCheck(current, change, actor)?.problem ?? null;
}

/** Per-field messages for reason and effective date, or an empty object. */
export function draftProblems(draft: EditDraft, statusDate: string, lang: Lang): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.reason.trim()) problems.reason = t('reasonRequired', lang);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.effectiveDate)) problems.effectiveDate = t('dateInvalid', lang);
  else if (draft.effectiveDate > todayInChina()) problems.effectiveDate = t('dateFuture', lang);
  else if (draft.effectiveDate < statusDate) problems.effectiveDate = tf('dateBeforeStatus', lang, { date: statusDate });
  return problems;
}
