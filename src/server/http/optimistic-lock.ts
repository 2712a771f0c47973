// Versions and If-Match for records edited through an ETag (village parks, value parks; architecture
// §6): the GET answers `ETag: "<version>"`, an edit sends it back as If-Match. Without it the edit is
// refused with 428, with a version that is no longer current with 412, whose answer carries the record
// as it is now so the client can show it and re-apply. One copy of the rule for every such route.
import { problem, type ProblemThing } from '../../domain/problems.ts';
import { HttpError } from './errors.ts';

const IF_MATCH_REQUIRED = 'Send the If-Match header with the version (ETag) you are changing, so concurrent edits are not lost.';

export interface VersionedThing {
  thing: ProblemThing;
  /** The record's name, for the problem's parameters. */
  name?: string;
  /** The English 412 text (current and expected versions are in the problem's parameters too). */
  stale: (current: number, expected: number) => string;
  /** The English 428 text, when a route words it otherwise. */
  required?: string;
}

/** Throws 428 when no If-Match was sent (`expected` null), 412 with `currentVersion` when it is not the current version. */
export function assertVersion(expected: number | null, current: number, what: VersionedThing): void {
  if (expected === null) throw new HttpError(428, what.required ?? IF_MATCH_REQUIRED, undefined, undefined, problem('if_match_required'));
  if (expected !== current)
    throw new HttpError(412, what.stale(current, expected), undefined, { currentVersion: current },
      problem('version_conflict', { thing: what.thing, current, yours: expected, ...(what.name !== undefined ? { name: what.name } : {}) }));
}

/**
 * For `.catch()` after an edit: a 412 is answered again with the members `now()` gives (the record as
 * it is now, under `current`); any other error passes unchanged.
 */
export const withCurrentOn412 = (now: () => Promise<Record<string, unknown>>) => async (err: unknown): Promise<never> => {
  if (err instanceof HttpError && err.status === 412) throw new HttpError(412, err.message, undefined, await now(), err.problem);
  throw err;
};
