// POST /api/exports: the authoritative extract, streamed from PostGIS in pages (flat memory) as
// RFC 7946 GeoJSON or Excel-safe CSV, or an Excel workbook (XLSX, built in memory), under the export
// policy (the layers, fields, rows and rate the caller's role may have: exports/export-policy.ts,
// docs/architecture.md §6), and logged. `lang` and `labels` make the file readable (headers and
// labels in the language, codes beside them, revenue in 万元: domain/extract/extract-labels.ts);
// `labels: 'codes'` keeps the files as they were for API users.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultiPolygon, Polygon } from 'geojson';
import { CSV_BOM, csvRow } from '../../domain/csv.ts';
import { csvTableRow } from '../../domain/extract/extract-csv.ts';
import { DEMO_NOTICE_TEXT, extractLang, featureFieldLabels, readableProperties, readableFeatureFields, tableColumns, type ExtractLabels } from '../../domain/extract/extract-labels.ts';
import { xlsxWorkbook } from '../../domain/extract/extract-xlsx.ts';
import { label, type Lang } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { problem } from '../../domain/problems.ts';
import { todayInChina } from '../../domain/china-date.ts';
import { areaSchema, checkArea, filtersSchema, MAX_AREA_BODY } from '../http/filter-schema.ts';
import { LAYERS, type ExportFilters, type ExportLayer } from '../exports/export-layers.ts';
import { datasetMeta, exportQuery } from '../exports/export-queries.ts';
import { claimExport, logRefusal, logRowsSent, markTooManyRows, type ExportLogEntry } from '../exports/export-log.ts';
import { callerPolicy, type ExportPolicy } from '../exports/export-policy.ts';
import type { CallerExportPolicy } from '../../domain/extract/export-policy.ts';

const bodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['layer', 'format'],
  properties: {
    layer: { type: 'string', enum: ['enterprises', 'parks', 'value-parks'] },
    format: { type: 'string', enum: ['geojson', 'csv', 'xlsx'] },
    /** The language of headers and labels (default zh-Hans). */
    lang: { type: 'string', enum: ['zh-Hans', 'zh-Hant', 'en'] },
    /**
     * `readable`: headers and labels in `lang`, codes in columns beside them (CSV, XLSX), revenue in 万元;
     * GeoJSON keeps its keys and gets labels with `<key>Code` beside. `codes`: keys and codes, as before.
     * Default: readable for CSV and XLSX, and for GeoJSON when `lang` is given; codes for GeoJSON without `lang`.
     */
    labels: { type: 'string', enum: ['readable', 'codes'] },
    filters: filtersSchema,
    area: areaSchema,
    /** The fields to export (default: every field the caller may have). */
    fields: { type: 'array', minItems: 1, maxItems: 64, items: { type: 'string', maxLength: 64 } },
  },
} as const;

interface ExportBody {
  layer: ExportLayer;
  format: 'geojson' | 'csv' | 'xlsx';
  lang?: Lang;
  labels?: ExtractLabels;
  filters?: ExportFilters;
  area?: Polygon | MultiPolygon;
  fields?: string[];
}

const thousands = (n: number) => n.toLocaleString('en');
const wait = (s: number) => (s < 60 ? `${s} second(s)` : `${Math.ceil(s / 60)} minute(s)`);

export function exportRoutes(app: FastifyInstance, db: Database, policy: ExportPolicy): void {
  const policyOf = (req: FastifyRequest): CallerExportPolicy => callerPolicy(policy, req.session?.user.role ?? 'public', mayReadConfidential(req));

  app.get('/api/exports/policy', {
    schema: { tags: ['exports'], summary: 'What the caller may export: layers with their fields, rows per export, exports per minute and hour' },
  }, async (req) => policyOf(req));

  // Kept for clients written before /policy: the same fields; a layer the caller may not export is absent.
  app.get('/api/exports/fields', {
    schema: { tags: ['exports'], summary: 'The fields each layer exports for the caller (viewers and the public get no revenue, tax, credit code, address or employees)' },
  }, async (req) => policyOf(req).layers);

  app.post<{ Body: ExportBody }>('/api/exports', {
    bodyLimit: MAX_AREA_BODY,
    schema: { tags: ['exports'], summary: 'An extract of a layer (GeoJSON, CSV or XLSX) for the given filters and area, readable in a language or as codes', body: bodySchema },
  }, async (req, reply) => {
    const { layer, format, filters = {}, area, fields: asked } = req.body;
    const lang = extractLang(req.body.lang);
    const labels: ExtractLabels = req.body.labels ?? (format === 'geojson' && !req.body.lang ? 'codes' : 'readable');
    const confidential = mayReadConfidential(req);
    if (filters.revenueTiers?.length && !confidential) throw new HttpError(403, 'Filtering by revenue tier needs a role that may see revenue.', undefined, undefined, problem('revenue_tier_forbidden'));
    const spec = LAYERS[layer];
    // A misspelt field is a mistake, not a refusal: 400 before the policy is asked.
    const unknown = (asked ?? []).filter((f) => !spec.fields.some(([name]) => name === f));
    if (unknown.length) throw new HttpError(400, `${layer} has no field ${unknown.join(', ')}.`, { fields: `unknown: ${unknown.join(', ')}` }, undefined, problem('export_unknown_fields', { layer, fields: unknown }));

    const caller = policyOf(req);
    const user = req.session?.user;
    const entry: ExportLogEntry = {
      userId: user?.id ?? null, username: user?.username ?? null, role: caller.role, source: req.ip, layer, format, filters, fields: asked ?? [],
    };
    const allowed = caller.layers[layer];
    if (!allowed) {
      await logRefusal(db, entry, 'layer');
      throw new HttpError(403, `Your role (${caller.role}) may not export the layer ${layer}.`, undefined, { refusal: 'layer', layer }, problem('export_layer_forbidden', { role: caller.role, layer }));
    }
    const denied = (asked ?? []).filter((f) => !allowed.includes(f));
    if (denied.length) {
      await logRefusal(db, entry, 'fields');
      throw new HttpError(403, `Your role (${caller.role}) may not export the field(s) ${denied.join(', ')} of ${layer}.`, { fields: `not allowed: ${denied.join(', ')}` }, { refusal: 'fields', layer, denied }, problem('export_fields_forbidden', { role: caller.role, layer, fields: denied }));
    }
    const fieldNames = asked ? allowed.filter((f) => asked.includes(f)) : allowed;
    const fields = spec.fields.filter(([name]) => fieldNames.includes(name));
    if (area) await checkArea(db, area);
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where = spec.where(filters, p);
    const meta = await datasetMeta(db);
    const header = {
      layer, format, filters, area: area ?? null, dataDate: meta?.dataDate ?? null, demo: meta?.demo ?? false,
      exportedAt: new Date().toISOString(), fields: fields.map(([name]) => name),
      notice: meta?.demo ? 'Demo data: synthetic enterprises and parks; see data/README.md.' : undefined,
      // Readable exports say what they are in the language: the labels' language, each property's name and unit, the demo notice.
      ...(labels === 'readable' ? {
        lang, labels, fieldLabels: featureFieldLabels(layer, fields.map(([name]) => name), lang),
        localNotice: meta?.demo ? label(DEMO_NOTICE_TEXT, lang) : undefined,
      } : {}),
    };

    // The export is claimed against the caller's rate and logged when it starts (with the area,
    // parsed here once), and its count when it ends. The pages read the area from that row, so a
    // large area is not sent and parsed again per page.
    const claim = await claimExport(db, { ...entry, fields: fieldNames, area: area ?? null }, caller);
    if ('retryAfter' in claim) {
      reply.header('Retry-After', String(claim.retryAfter));
      const per = [caller.perMinute !== null && `${caller.perMinute} a minute`, caller.perHour !== null && `${caller.perHour} an hour`].filter(Boolean).join(', ');
      throw new HttpError(429, `Too many exports: your role (${caller.role}) may make ${per}. Try again in ${wait(claim.retryAfter)}.`, undefined, { refusal: 'rate', retryAfter: claim.retryAfter },
        problem('export_rate_limited', { role: caller.role, seconds: claim.retryAfter, perMinute: caller.perMinute, perHour: caller.perHour }));
    }
    const logId = claim.id;
    const log = (n: number) => logRowsSent(db, logId, n);
    const query = exportQuery(db, { spec, where, params, fields, areaLogId: area ? logId : undefined });

    // A client that goes away stops the paging; on PostgreSQL each page has a statement timeout.
    let gone = false;
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) gone = true;
    });
    const isGone = () => gone;

    // Over the role's row limit, nothing is sent: a file cut at the limit would look complete and
    // hold an arbitrary part of the selection. Counting stops one row past the limit.
    if (caller.maxRows !== null) {
      if ((await query.countUpTo(caller.maxRows)) > caller.maxRows) {
        await markTooManyRows(db, logId);
        throw new HttpError(413, `More than ${thousands(caller.maxRows)} rows of ${layer} match; your role (${caller.role}) may export at most ${thousands(caller.maxRows)} at a time. Narrow the filters or the area${caller.role === 'public' ? ', or log in' : ''}.`,
          undefined, { refusal: 'rows', rowLimit: caller.maxRows }, problem('export_too_many_rows', { role: caller.role, layer, max: caller.maxRows }));
      }
    }

    const rows = (withGeometry = false) => query.rows(withGeometry, isGone, log);

    // Each page of features is written as text by the database (export-queries.ts).
    async function* geojson() {
      yield `{"type":"FeatureCollection","demo":${header.demo},"export":${JSON.stringify(header)},"features":[\n`;
      yield* query.geojsonPages(isGone, log);
      yield '\n]}\n';
    }

    // Readable GeoJSON: labels are written here, so the features are built from rows (the keys of
    // the codes file, `<key>Code` beside each coded one, stored units; header.fieldLabels names them).
    async function* readableGeojson() {
      const names = header.fields;
      yield `{"type":"FeatureCollection","demo":${header.demo},"export":${JSON.stringify({ ...header, fields: readableFeatureFields(layer, names) })},"features":[\n`;
      let first = true;
      for await (const r of rows(true)) {
        const properties = readableProperties(layer, r, names, lang);
        yield `${first ? '' : ',\n'}{"type":"Feature","id":${Number(r.__page)},"geometry":${r.__geom as string},"properties":${JSON.stringify(properties)}}`;
        first = false;
      }
      yield '\n]}\n';
    }

    // CSV codes: the keys as headers and the values as stored (the files API users had before; no
    // demo column). Readable: the columns of the export dialog's CSV, demo column included.
    async function* csv() {
      if (labels === 'codes') {
        yield CSV_BOM + csvRow(header.fields);
        for await (const r of rows()) yield csvRow(header.fields.map((f) => (f === 'elements' ? JSON.stringify(r[f]) : r[f])));
        return;
      }
      const columns = tableColumns(layer, header.fields, { lang, labels }, header.demo);
      yield CSV_BOM + csvRow(columns.map((c) => c.header));
      for await (const r of rows()) yield csvTableRow(columns, r);
    }

    // XLSX is a zip whose sheet must be complete before it is packed: the rows are gathered first
    // (staff exports have no row limit: 100,000 enterprises take a few hundred MB while it is built).
    async function xlsx(): Promise<Buffer> {
      const all: Record<string, unknown>[] = [];
      for await (const r of rows()) all.push(r);
      const columns = tableColumns(layer, header.fields, { lang, labels }, header.demo);
      const bytes = await xlsxWorkbook(columns, all, {
        // The area itself can exceed a cell (32,767 characters): its kind is written, as in the log.
        layer, filter: { ...filters, area: area ? area.type : null }, dataDate: header.dataDate, demo: header.demo, exportedAt: header.exportedAt, notice: header.notice,
      }, lang);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }

    const date = todayInChina();
    const TYPES = { geojson: 'application/geo+json; charset=utf-8', csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    reply
      .header('Content-Type', TYPES[format])
      .header('Content-Disposition', `attachment; filename="${layer}-${date}.${format}"`);
    if (format === 'xlsx') return reply.send(await xlsx());
    return reply.send(Readable.from(format === 'geojson' ? (labels === 'readable' ? readableGeojson() : geojson()) : csv()));
  });
}
