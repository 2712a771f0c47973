// Roles and who may do what: the one home of these rules for the server (which enforces them) and
// the app (which shows only the controls a user may use). A new rule goes here as a role list, used
// by `requireUser(req, LIST)` on the server, and a predicate over that list, used by the app.
// The database has the role names once more in the `users.role` CHECK (server/db/migrations.ts).
import type { Actor } from './renovation-workflow.ts';
import type { DistrictCode } from './taxonomy.ts';

/** Every account role (the order the accounts panel offers them in). */
export const ROLES = ['admin', 'official', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** The part of a signed-in user the rules look at; null or undefined is a visitor who is not logged in. */
export interface RoleHolder {
  role: Role;
  /** The district an official is bound to; null for the other roles. */
  district?: string | null;
}
type Who = RoleHolder | null | undefined;

/** A signed-in user as the server's session holds it and GET /api/session answers it. */
export interface SessionUser extends RoleHolder {
  id: number;
  username: string;
  /** The district an official is bound to; null for the other roles. */
  district: DistrictCode | null;
}

const has = (roles: readonly Role[], who: Who) => !!who && roles.includes(who.role);

/**
 * Staff who read confidential figures (revenue, tax per mu, operating figures, suggestions of the
 * standard, pending proposals, unpublished reports). Viewers and the public never do.
 */
export const CONFIDENTIAL_READERS: readonly Role[] = ['admin', 'planner', 'official'];
/** Who sees the change history of parks, value parks and enterprises (it names who changed what). */
export const HISTORY_READERS: readonly Role[] = CONFIDENTIAL_READERS;
/** Who sees proposals awaiting the city's review (an official only their district's). */
export const PROPOSAL_READERS: readonly Role[] = CONFIDENTIAL_READERS;
/** Who sees the classification standard's suggestions and contradictions (they carry confidential figures). */
export const SUGGESTION_READERS: readonly Role[] = CONFIDENTIAL_READERS;
/** Who sees the pilot candidates and their ranking (an official only their district's). */
export const PILOT_READERS: readonly Role[] = CONFIDENTIAL_READERS;
/** Who may change a village park's renovation status: administrators anywhere, officials in their district. */
export const PARK_EDITORS: readonly Role[] = ['admin', 'official'];
/** Who may ask for a report to be written (administrators also publish and schedule them). */
export const REPORT_REQUESTERS: readonly Role[] = ['admin', 'planner'];
/** City administrators: accounts, imports other than park status files, proposal decisions, targets, rules. */
export const ADMINS: readonly Role[] = ['admin'];

export const mayReadConfidential = (who: Who) => has(CONFIDENTIAL_READERS, who);
export const maySeeHistory = (who: Who) => has(HISTORY_READERS, who);
export const maySeeProposals = (who: Who) => has(PROPOSAL_READERS, who);
export const maySeeSuggestions = (who: Who) => has(SUGGESTION_READERS, who);
export const maySeePilots = (who: Who) => has(PILOT_READERS, who);
export const mayRequestReports = (who: Who) => has(REPORT_REQUESTERS, who);
export const isAdmin = (who: Who) => has(ADMINS, who);
/** City administrators approve or return proposals. */
export const mayDecideProposals = isAdmin;
/** The import panel (every kind); officials upload park status files from the edit tools instead. */
export const mayImport = isAdmin;
/** Whether the user may edit some park (shows the editing tools). */
export const mayEditAnyPark = (who: Who) => has(PARK_EDITORS, who);

/** Whether the user may change the renovation status of a park in `district`. */
export function mayEditPark(who: Who, district: string): boolean {
  return !!who && (who.role === 'admin' || (who.role === 'official' && who.district === district));
}

/** The user's side in the renovation workflow and the review rules: administrators, or a district. */
export const workflowActor = (who: RoleHolder): Actor => (who.role === 'admin' ? 'admin' : 'official');
