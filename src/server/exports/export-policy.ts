// The export policy (issue 14, finding 7): which layers and fields each role may export, how many
// rows one export may hold, and how many exports a role may make per minute and per hour. The
// defaults are below; a deployment changes them with environment variables (read by config.ts
// through exportPolicyFromEnv; listed in docs/deploy.md). The rules are in docs/architecture.md §6.
// The counting and the log are in export-log.ts; the route applies both (routes/exports.ts).
import { EXPORT_ROLES, type CallerExportPolicy, type ExportRole } from '../../domain/extract/export-policy.ts';
import { LAYERS, type ExportLayer } from './export-layers.ts';

export interface RoleLimits {
  /** Rows one export may hold; null = no limit. */
  maxRows: number | null;
  /** Exports per minute and per hour; null = no limit. */
  perMinute: number | null;
  perHour: number | null;
}

export interface ExportPolicy {
  /** The layers the public (not logged in) and viewers may export; the other roles may export every layer. */
  publicLayers: ExportLayer[];
  /** The fields per layer the public and viewers may have (never a confidential one); the other roles get every field. */
  publicFields: Record<ExportLayer, string[]>;
  limits: Record<ExportRole, RoleLimits>;
}

const LAYER_NAMES = Object.keys(LAYERS) as ExportLayer[];
const fieldsOf = (layer: ExportLayer, access?: (a: string) => boolean) => LAYERS[layer].fields.filter(([, , a]) => !access || access(a)).map(([name]) => name);

/**
 * The defaults. The public and viewers get the map's own information (names, classes, places), not
 * the identifying details and figures (credit code, address, employees, revenue, tax), and small
 * extracts: the map shows a district's enterprises, while the whole library in a few requests is
 * a bulk download. Viewers have an account the log names, so they get more than anonymous visitors.
 * Staff roles have no row limit (exporting is their work) but still a rate, so that no one caller
 * can keep the server busy with exports.
 */
export const DEFAULT_EXPORT_POLICY: ExportPolicy = {
  publicLayers: [...LAYER_NAMES],
  publicFields: Object.fromEntries(LAYER_NAMES.map((l) => [l, fieldsOf(l, (a) => a === 'public')])) as Record<ExportLayer, string[]>,
  limits: {
    public: { maxRows: 1000, perMinute: 5, perHour: 30 },
    viewer: { maxRows: 5000, perMinute: 10, perHour: 100 },
    official: { maxRows: null, perMinute: 30, perHour: 300 },
    planner: { maxRows: null, perMinute: 30, perHour: 300 },
    admin: { maxRows: null, perMinute: 30, perHour: 300 },
  },
};

/**
 * The caller's share of the policy. `confidential` is `mayReadConfidential` of the request (one
 * home for who may read confidential fields): those roles may export every layer and field.
 */
export function callerPolicy(policy: ExportPolicy, role: ExportRole, confidential: boolean): CallerExportPolicy {
  const layers = confidential
    ? Object.fromEntries(LAYER_NAMES.map((l) => [l, fieldsOf(l)]))
    // In the layer's own order, whatever order the setting listed them in; a confidential field
    // never, whatever a policy built in code says (the environment cannot name one).
    : Object.fromEntries(policy.publicLayers.map((l) => [l, fieldsOf(l, (a) => a !== 'confidential').filter((f) => policy.publicFields[l].includes(f))]));
  return { role, layers, ...policy.limits[role], rateKey: role === 'public' ? 'address' : 'account' };
}

const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

/** `role:value,…` merged over the defaults; a value is a positive whole number or `unlimited`. */
function roleNumbers(name: string, value: string | undefined, into: Record<ExportRole, RoleLimits>, key: keyof RoleLimits): void {
  if (value === undefined || !value.trim()) return;
  for (const item of list(value)) {
    const m = /^([a-z]+)\s*:\s*(\d+|unlimited)$/.exec(item);
    if (!m) throw new Error(`${name}: "${item}" is not role:number or role:unlimited (e.g. ${name}=public:1000,viewer:5000)`);
    const role = m[1] as ExportRole;
    if (!EXPORT_ROLES.includes(role)) throw new Error(`${name}: unknown role "${m[1]}" (roles: ${EXPORT_ROLES.join(', ')})`);
    const n = m[2] === 'unlimited' ? null : Number(m[2]);
    if (n !== null && (!Number.isSafeInteger(n) || n < 1)) throw new Error(`${name}: ${role} must be at least 1, or unlimited (to refuse a layer to the public, use EXPORT_PUBLIC_LAYERS)`);
    into[role] = { ...into[role], [key]: n };
  }
}

/**
 * The policy from the environment, over the defaults. Throws (the server does not start) on a
 * setting it cannot read, rather than exporting more or less than the operator meant.
 * - EXPORT_PUBLIC_LAYERS: comma list of layers, or `none`;
 * - EXPORT_PUBLIC_FIELDS: comma list of `layer.field`; a layer named here gets exactly the fields
 *   named for it, the others keep their defaults; a confidential field (revenue, taxPerMu) is refused;
 * - EXPORT_MAX_ROWS, EXPORT_PER_MINUTE, EXPORT_PER_HOUR: `role:n` or `role:unlimited`, comma-separated.
 */
export function exportPolicyFromEnv(env: NodeJS.ProcessEnv): ExportPolicy {
  const policy: ExportPolicy = structuredClone(DEFAULT_EXPORT_POLICY);
  const layers = env.EXPORT_PUBLIC_LAYERS?.trim();
  if (layers) {
    const named = layers === 'none' ? [] : list(layers);
    for (const l of named) if (!LAYER_NAMES.includes(l as ExportLayer)) throw new Error(`EXPORT_PUBLIC_LAYERS: unknown layer "${l}" (layers: ${LAYER_NAMES.join(', ')}, or none)`);
    policy.publicLayers = LAYER_NAMES.filter((l) => named.includes(l));
  }
  const fields = env.EXPORT_PUBLIC_FIELDS?.trim();
  if (fields) {
    const chosen = new Map<ExportLayer, string[]>();
    for (const item of list(fields)) {
      const dot = item.indexOf('.');
      const layer = item.slice(0, dot) as ExportLayer;
      const field = item.slice(dot + 1);
      if (dot < 0 || !LAYER_NAMES.includes(layer)) throw new Error(`EXPORT_PUBLIC_FIELDS: "${item}" is not layer.field (layers: ${LAYER_NAMES.join(', ')})`);
      const spec = LAYERS[layer].fields.find(([name]) => name === field);
      if (!spec) throw new Error(`EXPORT_PUBLIC_FIELDS: ${layer} has no field "${field}" (fields: ${fieldsOf(layer).join(', ')})`);
      if (spec[2] === 'confidential') throw new Error(`EXPORT_PUBLIC_FIELDS: ${layer}.${field} is confidential and is never exported to the public or to viewers`);
      chosen.set(layer, [...(chosen.get(layer) ?? []), field]);
    }
    for (const [layer, names] of chosen) policy.publicFields[layer] = names;
  }
  roleNumbers('EXPORT_MAX_ROWS', env.EXPORT_MAX_ROWS, policy.limits, 'maxRows');
  roleNumbers('EXPORT_PER_MINUTE', env.EXPORT_PER_MINUTE, policy.limits, 'perMinute');
  roleNumbers('EXPORT_PER_HOUR', env.EXPORT_PER_HOUR, policy.limits, 'perHour');
  return policy;
}
