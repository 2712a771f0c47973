// The export policy as the API states it to a caller (GET /api/exports/policy) and the refusals
// POST /api/exports answers with. Shared by the server (src/server/exports/export-policy.ts, which
// holds the settings and decides) and the export dialog (which offers only what the caller may
// export); docs/architecture.md §6 gives the policy.
import type { ExtractLayer } from './extract-meta.ts';
import { ROLES, type Role } from '../permissions.ts';

/** Whom a policy speaks of: the four account roles, and `public` for a visitor who is not logged in. */
export type ExportRole = 'public' | Role;
export const EXPORT_ROLES: readonly ExportRole[] = ['public', ...ROLES];

/**
 * Why an export was refused (the `refusal` member of the error answer, beside its problem code):
 * - `layer` (403): the caller's role may not export this layer;
 * - `fields` (403): a field asked for is not one the role may export;
 * - `rate` (429, with `Retry-After` and `retryAfter` seconds): too many exports in the last minute or hour;
 * - `rows` (413, with `rowLimit`): more rows match than the role may export at once. Nothing is sent:
 *   a file cut at the limit would look complete and hold an arbitrary part of the selection.
 */
export type ExportRefusal = 'layer' | 'fields' | 'rate' | 'rows';

/** What GET /api/exports/policy answers: the caller's own share of the policy. */
export interface CallerExportPolicy {
  role: ExportRole;
  /** The layers the caller may export, each with the fields it may have (in the order files carry them). */
  layers: Partial<Record<ExtractLayer, string[]>>;
  /** Rows one export may hold; null = no limit. */
  maxRows: number | null;
  /** Exports per minute and per hour; null = no limit. */
  perMinute: number | null;
  perHour: number | null;
  /** What the rate is counted by: the account (all its sessions) or, without an account, the client address. */
  rateKey: 'account' | 'address';
}
