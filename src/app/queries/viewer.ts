// Whose answers a cached entry holds. Every key of data that depends on the caller's role
// (confidential fields, revenue, figures, what may be exported) carries the viewer, so after a log-in
// or log-out the app asks again and never shows an answer made for the previous user (architecture §4,
// "The app's data layer").
import type { SessionUser } from '../api/types.ts';
import { useAppStore } from '../state/store.ts';

/** GET /api/session, asked by the dashboard (the map's session lives in the store). */
export const sessionKey = ['session'] as const;

/** `<id>/<role>` of the logged-in user, or `anonymous`. */
export type Viewer = string;

export const viewerOf = (user: Pick<SessionUser, 'id' | 'role'> | null): Viewer => (user ? `${user.id}/${user.role}` : 'anonymous');

/** The viewer, or null until GET /api/session has answered: questions whose answer depends on the role wait for it. */
export function useViewer(): Viewer | null {
  return useAppStore((s) => (s.sessionKnown ? viewerOf(s.user) : null));
}
