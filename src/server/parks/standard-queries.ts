// The classification standard on the server (architecture §4, "The classification standard"): its
// versions and rules (migration 15), what the standard knows of each park (figures, zones), the
// suggestions, and the preview of a draft against the active version. The rule evaluation itself is
// the domain's (src/domain/renovation-standard.ts): this file only gathers the facts and stores rules.
import { EMPTY_FILTER } from '../../domain/enterprise-filter.ts';
import { problem } from '../../domain/problems.ts';
import {
  comparePreview, DEFAULT_STANDARD_RULES, evaluateStandard, isZoneType,
  type StandardContext, type StandardParkFacts, type StandardPreview, type StandardRule, type StandardSuggestion, type ZoneType,
} from '../../domain/renovation-standard.ts';
import type { RenovationCategory } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { cachedAnswer } from '../monitoring/answer-cache.ts';
import { computeIndicators } from '../monitoring/indicator-engine.ts';

import type { StandardStatus, StandardVersion, StandardVersionSummary } from '../../domain/renovation-standard.ts';
export type { StandardStatus, StandardVersion, StandardVersionSummary };

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const SUMMARY = `SELECT v.id, v.version, v.status, v.note, v.based_on AS "basedOn", v.created_by AS "createdBy", ${ts('v.created_at')} AS "createdAt",
  ${ts('v.updated_at')} AS "updatedAt", v.activated_by AS "activatedBy", ${ts('v.activated_at')} AS "activatedAt", ${ts('v.retired_at')} AS "retiredAt",
  (SELECT count(*)::int FROM standard_rules r WHERE r.version_id = v.id) AS "ruleCount"
  FROM standard_versions v`;

async function rulesOf(db: Queryable, versionId: number): Promise<StandardRule[]> {
  const rows = await db.query<{ category: StandardRule['category']; conditions: StandardRule['conditions']; note: string }>(
    'SELECT category, conditions, note FROM standard_rules WHERE version_id = $1 ORDER BY position', [versionId]);
  return rows.map((r) => (r.note ? { category: r.category, conditions: r.conditions, note: r.note } : { category: r.category, conditions: r.conditions }));
}

async function withRules(db: Queryable, v: StandardVersionSummary | undefined): Promise<StandardVersion | null> {
  return v ? { ...v, rules: await rulesOf(db, v.id) } : null;
}

export async function listVersions(db: Queryable): Promise<StandardVersionSummary[]> {
  return db.query<StandardVersionSummary>(`${SUMMARY} ORDER BY v.version DESC`);
}

export async function findVersion(db: Queryable, id: number): Promise<StandardVersion | null> {
  const [v] = await db.query<StandardVersionSummary>(`${SUMMARY} WHERE v.id = $1`, [id]);
  return withRules(db, v);
}

export async function activeVersion(db: Queryable): Promise<StandardVersion | null> {
  const [v] = await db.query<StandardVersionSummary>(`${SUMMARY} WHERE v.status = 'active'`);
  return withRules(db, v);
}

export async function draftVersion(db: Queryable): Promise<StandardVersion | null> {
  const [v] = await db.query<StandardVersionSummary>(`${SUMMARY} WHERE v.status = 'draft'`);
  return withRules(db, v);
}

const notFound = (id: number) => new HttpError(404, `There is no version ${id} of the classification standard.`, undefined, undefined, problem('not_found', { thing: 'standardVersion', id }));

async function writeRules(tx: Queryable, versionId: number, rules: readonly StandardRule[]): Promise<void> {
  await tx.query('DELETE FROM standard_rules WHERE version_id = $1', [versionId]);
  await tx.query(`INSERT INTO standard_rules (version_id, position, category, conditions, note)
    SELECT $1, r.ordinality, r.value->>'category', r.value->'conditions', coalesce(r.value->>'note', '')
    FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY r`, [versionId, JSON.stringify(rules)]);
}

/**
 * Version 1 (DEFAULT_STANDARD_RULES, our judgement) into an empty table, active: called by
 * seedMonitoringTables at every start, so it does nothing once any version exists.
 */
export async function seedDefaultStandard(tx: Queryable): Promise<void> {
  if ((await tx.query('SELECT 1 FROM standard_versions LIMIT 1')).length) return;
  const [{ id }] = await tx.query<{ id: number }>(`INSERT INTO standard_versions (version, status, note, created_by)
    VALUES (1, 'draft', $1, 'system') RETURNING id`, ['默认标准（系统预置，阈值为本系统的判断，非官方发布标准）']);
  await writeRules(tx, id, DEFAULT_STANDARD_RULES);
  await tx.query(`UPDATE standard_versions SET status = 'active', activated_by = 'system', activated_at = now() WHERE id = $1`, [id]);
}

/** A new draft (the next version number); 409 when a draft exists already. */
export async function createDraft(tx: Queryable, input: { rules: readonly StandardRule[]; note: string; basedOn: number | null; username: string }): Promise<StandardVersion> {
  await tx.query('LOCK TABLE standard_versions IN EXCLUSIVE MODE');
  const [draft] = await tx.query<{ id: number; version: number }>(`SELECT id, version FROM standard_versions WHERE status = 'draft'`);
  if (draft)
    throw new HttpError(409, `There is a draft already (version ${draft.version}); edit or discard it.`, undefined, { draftId: draft.id }, problem('standard_draft_exists', { id: draft.id, version: draft.version }));
  if (input.basedOn !== null && !(await tx.query('SELECT 1 FROM standard_versions WHERE id = $1', [input.basedOn])).length) throw notFound(input.basedOn);
  const [{ id }] = await tx.query<{ id: number }>(`INSERT INTO standard_versions (version, status, note, based_on, created_by)
    SELECT coalesce(max(version), 0) + 1, 'draft', $1, $2, $3 FROM standard_versions RETURNING id`, [input.note, input.basedOn, input.username]);
  await writeRules(tx, id, input.rules);
  return (await findVersion(tx, id))!;
}

async function lockDraft(tx: Queryable, id: number): Promise<{ id: number; version: number }> {
  const [v] = await tx.query<{ id: number; version: number; status: StandardStatus }>('SELECT id, version, status FROM standard_versions WHERE id = $1 FOR UPDATE', [id]);
  if (!v) throw notFound(id);
  if (v.status !== 'draft')
    throw new HttpError(409, `Version ${v.version} of the standard is ${v.status}: only a draft can change.`, undefined, { versionStatus: v.status }, problem('standard_not_draft', { id, version: v.version, status: v.status }));
  return v;
}

/** Replaces a draft's rules (and note); 404, or 409 when the version is not a draft. */
export async function updateDraft(tx: Queryable, id: number, input: { rules: readonly StandardRule[]; note?: string }): Promise<StandardVersion> {
  await lockDraft(tx, id);
  await writeRules(tx, id, input.rules);
  await tx.query('UPDATE standard_versions SET updated_at = now(), note = coalesce($2, note) WHERE id = $1', [id, input.note ?? null]);
  return (await findVersion(tx, id))!;
}

export async function discardDraft(tx: Queryable, id: number): Promise<void> {
  await lockDraft(tx, id);
  await tx.query('DELETE FROM standard_versions WHERE id = $1', [id]);
}

/** The draft becomes the active version; the active one is retired (kept, frozen). */
export async function activateDraft(tx: Queryable, id: number, username: string): Promise<StandardVersion> {
  await tx.query('LOCK TABLE standard_versions IN EXCLUSIVE MODE');
  await lockDraft(tx, id);
  await tx.query(`UPDATE standard_versions SET status = 'retired', retired_at = now() WHERE status = 'active'`);
  await tx.query(`UPDATE standard_versions SET status = 'active', activated_by = $2, activated_at = now(), updated_at = now() WHERE id = $1`, [id, username]);
  return (await findVersion(tx, id))!;
}

/** The number of zones stored per type (the layers the rules can read). */
export async function zoneCounts(db: Queryable): Promise<{ zoneType: ZoneType; count: number; demo: number }[]> {
  return db.query(`SELECT zone_type AS "zoneType", count(*)::int AS count, count(*) FILTER (WHERE demo)::int AS demo FROM zones GROUP BY 1 ORDER BY 1`);
}

interface Efficiency {
  year: string | null;
  /** Park id → [output per mu, tax per mu] from the enterprises' figures of `year`. */
  parks: Map<number, [number | null, number | null]>;
}

/**
 * Output and tax per mu of every village park from the indicator engine (its by-park per-mu metrics),
 * for the latest year whose December is in the data; kept per data revision (answer-cache.ts).
 */
async function parkEfficiency(db: Queryable): Promise<Efficiency> {
  return cachedAnswer(db, { question: 'standard-efficiency' }, async () => {
    const [{ year }] = await db.query<{ year: number | null }>('SELECT max(month / 100) AS year FROM operating_figures WHERE month % 100 = 12');
    const parks = new Map<number, [number | null, number | null]>();
    if (year === null) return { year: null, parks };
    const ask = (metric: 'outputPerMu' | 'taxPerMu') => computeIndicators(db,
      { metric, period: String(year), cumulative: false, by: 'villagePark', filter: EMPTY_FILTER, compare: [] }, { confidential: true, lang: 'zh-Hans' });
    const output = await ask('outputPerMu');
    const tax = await ask('taxPerMu');
    for (const r of output.rows) parks.set(Number(r.key), [r.value, null]);
    for (const r of tax.rows) {
      const e = parks.get(Number(r.key));
      if (e) e[1] = r.value;
    }
    return { year: String(year), parks };
  });
}

/** What the standard reads about parks (all of them, or these ids), and which zone types are stored. */
export async function parkFacts(db: Queryable, parkIds?: readonly number[]): Promise<{ facts: StandardParkFacts[]; context: StandardContext; efficiencyYear: string | null }> {
  const efficiency = await parkEfficiency(db);
  const rows = await db.query<{
    id: number; district: string; category: RenovationCategory; area_mu: number | null; building_area_m2: number | null;
    output_per_mu: number | null; tax_per_mu: number | null; zones: { type: string; name: string; within: boolean }[] | string | null;
  }>(`SELECT p.id, p.district, p.category, p.area_mu, p.building_area_m2, p.output_per_mu, p.tax_per_mu,
      (SELECT json_agg(json_build_object('type', z.zone_type, 'name', z.name, 'within', ST_CoveredBy(p.geom, z.geom)) ORDER BY z.name, z.id)
       FROM zones z WHERE ST_Intersects(p.geom, z.geom) AND NOT ST_Touches(p.geom, z.geom)) AS zones
    FROM village_parks p ${parkIds ? 'WHERE p.id = ANY($1::int[])' : ''} ORDER BY p.id`, parkIds ? [[...parkIds]] : []);
  const loaded = await db.query<{ zone_type: string }>('SELECT DISTINCT zone_type FROM zones');
  const facts = rows.map((r): StandardParkFacts => {
    const e = efficiency.parks.get(r.id);
    const zones = (typeof r.zones === 'string' ? JSON.parse(r.zones) : r.zones ?? []) as { type: string; name: string; within: boolean }[];
    return {
      id: r.id, district: r.district, category: r.category,
      outputPerMu: e ? e[0] : r.output_per_mu, taxPerMu: e ? e[1] : r.tax_per_mu,
      efficiencySource: e ? 'enterprises' : 'baseline', efficiencyYear: e ? efficiency.year : null,
      areaMu: r.area_mu, buildingAreaM2: r.building_area_m2,
      zones: zones.filter((z): z is { type: ZoneType; name: string; within: boolean } => isZoneType(z.type)),
    };
  });
  return { facts, context: { zoneTypesLoaded: new Set(loaded.map((z) => z.zone_type).filter(isZoneType)) }, efficiencyYear: efficiency.year };
}

export interface StandardSuggestions {
  /** The version the suggestions follow (the active one unless another was asked for); null when none exists. */
  version: { id: number; version: number; status: StandardStatus } | null;
  /** The year of the enterprises' figures behind output and tax per mu (null: no complete year). */
  efficiencyYear: string | null;
  /** Zone types of which zones are stored: a rule "outside" such a zone can hold only for these. */
  zoneTypesLoaded: ZoneType[];
  items: StandardSuggestion[];
}

/**
 * THE STANDARD'S SUGGESTIONS, a stable entry point for other features (the pilot ranking shows "the
 * standard's reasons" through it). For the parks `parkIds` (all village parks when absent, in id
 * order; unknown ids are left out) under the active version, or under `opts.versionId`:
 * per park the category now, the suggested category (null when no rule holds), the 1-based rule
 * that decided, the reasons as {code, params} (src/domain/renovation-standard.ts `StandardReason`;
 * words are the app's) and whether the park's category contradicts the suggestion. Reasons carry
 * output and tax per mu: show them only to roles that may read confidential figures.
 * Throws 404 when `opts.versionId` does not exist. Without any version, every suggestion is null.
 */
export async function suggestionsFor(db: Queryable, parkIds?: readonly number[], opts: { versionId?: number } = {}): Promise<StandardSuggestions> {
  const version = opts.versionId !== undefined ? await findVersion(db, opts.versionId) : await activeVersion(db);
  if (opts.versionId !== undefined && !version) throw notFound(opts.versionId);
  const { facts, context, efficiencyYear } = await parkFacts(db, parkIds);
  const rules = version?.rules ?? [];
  return {
    version: version ? { id: version.id, version: version.version, status: version.status } : null,
    efficiencyYear,
    zoneTypesLoaded: [...context.zoneTypesLoaded].sort(),
    items: facts.map((f) => evaluateStandard(rules, f, context)),
  };
}

export interface StandardPreviewAnswer extends StandardPreview {
  from: { id: number; version: number } | null;
  to: { id: number; version: number; status: StandardStatus };
  efficiencyYear: string | null;
}

/** How many parks would move if version `id` (a draft, or any version) replaced the active one. */
export async function previewVersion(db: Queryable, id: number): Promise<StandardPreviewAnswer> {
  const to = await findVersion(db, id);
  if (!to) throw notFound(id);
  const from = await activeVersion(db);
  const { facts, context, efficiencyYear } = await parkFacts(db);
  const before = facts.map((f) => evaluateStandard(from?.rules ?? [], f, context));
  const after = facts.map((f) => evaluateStandard(to.rules, f, context));
  return {
    from: from ? { id: from.id, version: from.version } : null,
    to: { id: to.id, version: to.version, status: to.status },
    efficiencyYear,
    ...comparePreview(before, after),
  };
}
