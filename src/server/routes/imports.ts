// Imports of the enterprise library, village parks, district boundaries, enterprises' monthly
// (park status files, kind parkStatus: also district officials, for their own district and their own uploads;
// templates at GET /api/imports/templates/parkStatus.{xlsx,csv})
// operating returns and key-city figures (administrators only): POST /api/imports (multipart: file, kind, crs, encoding?,
// mapping?, units?, cumulative?) → a dry-run report with an id;
// POST /api/imports/:id/apply → all-or-nothing upsert with per-record history; list and detail;
// saved column mappings. An upload over the limit is refused from its Content-Length before any of
// it is read; a chunked one (no length) as soon as it passes the limit, and its connection closed.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseUnitChoice } from '../../domain/import/column-mapping.ts';
import { IMPORT_KINDS, SOURCE_CRSES, type ColumnMapping, type ColumnUnits, type ImportKind, type SourceCrs } from '../../domain/import/import-types.ts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { intParam } from '../http/params.ts';
import type { TileStore } from '../tiles/tile-store.ts';
import { applyImport, previewImport } from '../imports/apply-import.ts';
import { dryRunImport } from '../imports/dry-run.ts';
import { deleteMapping, getImport, importChanges, listImportRecords, listImports, listMappings, saveMapping, type ImportSummary } from '../imports/import-store.ts';
import { templateCsv, templateParks, templateXlsx } from '../imports/park-status-template.ts';
import { parkStatusPlan, type ParkStatusRecord } from '../../domain/import/validate-park-status.ts';
import { todayInChina } from '../../domain/china-date.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { SessionUser } from '../auth/sessions.ts';

/** The largest file accepted (the city's whole enterprise library as CSV is far smaller). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Issues sent with a report; the full list stays in the database (GET /api/imports/:id?issues=all). */
const ISSUES_IN_REPORT = 1000;
const ENCODINGS = ['auto', 'utf-8', 'gbk'] as const;

const tooLarge = () => new HttpError(413, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Split it into smaller files and import them one after another.`, undefined, undefined, problem('upload_too_large', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));

/** Refuses an oversized upload from its declared length, before the body is read; the connection is then closed. */
async function refuseOversized(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) {
    reply.header('Connection', 'close');
    throw tooLarge();
  }
}

/**
 * The file part as bytes, or a 413 as soon as it passes MAX_UPLOAD_BYTES: multipart would otherwise
 * read (and drop) the rest of a chunked upload, which has no Content-Length to refuse it by, to its end.
 */
function fileUpToLimit(file: NodeJS.ReadableStream, read: () => Promise<Buffer>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    file.once('limit', () => reject(tooLarge()));
    read().then(resolve, reject);
  });
}

/**
 * After a 413 for an upload still arriving: stop reading its body (TCP flow control then stops the
 * sender) and close the connection a moment later, once the client has had time to read the answer.
 * Not "Connection: close": Node would then close at once, and a reset with unread bytes can make the
 * client's system drop the answer.
 */
function closeAfterReply(req: FastifyRequest, reply: FastifyReply): void {
  reply.raw.once('finish', () => {
    req.raw.unpipe();
    req.raw.pause();
    setTimeout(() => req.raw.socket?.destroy(), 1000).unref();
  });
}

interface UploadFields {
  kind?: string;
  crs?: string;
  encoding?: string;
  mapping?: string;
  units?: string;
  cumulative?: string;
}

/** Units chosen for money fields: JSON ({"revenue": "万元"}) or text ("万元", "revenue=万元,profit=元"). */
function parseUnits(kind: ImportKind, raw: string | undefined): ColumnUnits | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown = raw;
  if (raw.trim().startsWith('{')) {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'units must be a JSON object of field → unit (such as {"revenue": "万元"}) or a unit such as 万元.', { units: 'not JSON' }, undefined, withFields(problem('import_units_invalid'), { units: problem('field_invalid') }));
    }
  }
  try {
    return parseUnitChoice(kind, value);
  } catch (err) {
    throw new HttpError(400, (err as Error).message, { units: 'unknown field or unit' }, undefined, withFields(problem('import_units_invalid'), { units: problem('field_invalid') }));
  }
}

/** true/false (also 1/0, yes/no); undefined = detect from the headers. */
function parseCumulative(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw.trim() === '' || raw.trim() === 'auto') return undefined;
  const t = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(t)) return true;
  if (['false', '0', 'no', 'off'].includes(t)) return false;
  throw new HttpError(400, 'cumulative must be true, false or auto (detect from the headers).', { cumulative: 'not a boolean' }, undefined, withFields(problem('import_cumulative_invalid'), { cumulative: problem('field_invalid') }));
}

function parseMapping(raw: string | undefined): ColumnMapping | undefined {
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'mapping must be a JSON object of target field → column header.', { mapping: 'not JSON' }, undefined, withFields(problem('import_mapping_invalid'), { mapping: problem('field_invalid') }));
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string'))
    throw new HttpError(400, 'mapping must be a JSON object of target field → column header (strings).', { mapping: 'not an object of strings' }, undefined, withFields(problem('import_mapping_invalid'), { mapping: problem('field_invalid') }));
  return value as ColumnMapping;
}

/** Kinds a district official may import (their own district's parks only): park status files. */
const OFFICIAL_KINDS: readonly ImportKind[] = ['parkStatus'];

/** 403 for an official asking for another kind than a park status file. */
function assertMayImport(user: SessionUser, kind: ImportKind): void {
  if (user.role !== 'admin' && !OFFICIAL_KINDS.includes(kind))
    throw new HttpError(403, 'This action needs one of the roles: admin.', undefined, undefined, problem('role_required', { roles: ['admin'] }));
}

/**
 * Whether the user may see (and apply) an import: administrators every import except another user's
 * park status file (its proposals were planned for its uploader's role); officials only their own
 * park status files. Others' imports are answered as not found.
 */
function mayUseImport(user: SessionUser, imp: ImportSummary, forApply = false): boolean {
  if (user.role === 'admin') return !(forApply && imp.kind === 'parkStatus' && imp.userId !== user.id);
  return user.role === 'official' && imp.kind === 'parkStatus' && imp.userId === user.id;
}

const importNotFound = (id: string) => new HttpError(404, `There is no import ${id}.`, undefined, undefined, problem('not_found', { thing: 'import', id }));

/** `tiles`: where the map tiles are rebuilt after imports of parks or districts (none: not rebuilt). */
export function importRoutes(app: FastifyInstance, db: Database, opts: { tiles?: TileStore | null }): void {
  app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 256 * 1024, parts: 12 } });

  app.post('/api/imports', {
    onRequest: refuseOversized,
    schema: {
      tags: ['imports'],
      summary: 'Upload a file for import (multipart/form-data): a dry run that writes nothing to the data; answers the validation report and its id',
      description: 'Fields: `file` (CSV, XLSX, GeoJSON or a zipped Shapefile, at most 50 MB), `kind` (enterprises | parks | districts | operating | cityIndicators | industrialBlocks | zones | keyProjects), '
        + '`crs` (wgs84 | cgcs2000 | gcj02 | bd09), optional `encoding` (auto | utf-8 | gbk), `mapping` (JSON: target field → column header; suggested from the headers when absent), '
        + '`units` (money columns whose header does not say the unit: "万元" for all, "revenue=万元", "investment=亿元" for key projects, or JSON {"revenue": "万元"}) '
        + 'and, for operating returns, `cumulative` (true | false | auto: figures cumulative from January; detected from the headers by default). '
        + 'Park status files (`kind=parkStatus`) are open to district officials too, for their own district\'s parks (templates: GET /api/imports/templates/parkStatus.xlsx or .csv).',
      consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin', 'official']);
    if (!req.isMultipart()) throw new HttpError(415, 'Send the file as multipart/form-data with the fields file, kind and crs.', undefined, undefined, problem('upload_not_multipart'));
    const fields: UploadFields = {};
    let file: { name: string; bytes: Buffer } | null = null;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw new HttpError(400, `Unexpected file field "${part.fieldname}"; send the file as "file".`, undefined, undefined, problem('upload_unexpected_field', { field: part.fieldname }));
          const bytes = await fileUpToLimit(part.file, () => part.toBuffer());
          if (part.file.truncated) throw tooLarge();
          file = { name: part.filename || 'upload', bytes };
        } else if (['kind', 'crs', 'encoding', 'mapping', 'units', 'cumulative'].includes(part.fieldname)) {
          fields[part.fieldname as keyof UploadFields] = String(part.value);
        }
      }
    } catch (err) {
      if (err instanceof HttpError && err.status === 413) closeAfterReply(req, reply);
      if (err instanceof HttpError) throw err;
      const code = (err as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        closeAfterReply(req, reply);
        throw tooLarge();
      }
      if (code?.startsWith('FST_')) throw new HttpError(400, `The upload could not be read: ${(err as Error).message}`, undefined, undefined, problem('upload_unreadable'));
      throw new HttpError(400, 'The upload could not be read: the multipart body is malformed or was cut short.', undefined, undefined, problem('upload_unreadable'));
    }
    if (!file) throw new HttpError(400, 'No file was sent: add the file as the form field "file".', { file: 'missing' }, undefined, withFields(problem('upload_no_file'), { file: problem('field_required') }));
    if (!IMPORT_KINDS.includes(fields.kind as ImportKind))
      throw new HttpError(400, `kind must be one of ${IMPORT_KINDS.join(', ')}.`, { kind: 'missing or unknown' }, undefined, withFields(problem('import_option_invalid', { option: 'kind', allowed: [...IMPORT_KINDS] }), { kind: problem('field_one_of', { allowed: [...IMPORT_KINDS] }) }));
    const crs = (fields.crs ?? 'wgs84') as SourceCrs;
    if (!SOURCE_CRSES.includes(crs))
      throw new HttpError(400, `crs must be one of ${SOURCE_CRSES.join(', ')}.`, { crs: 'unknown' }, undefined, withFields(problem('import_option_invalid', { option: 'crs', allowed: [...SOURCE_CRSES] }), { crs: problem('field_one_of', { allowed: [...SOURCE_CRSES] }) }));
    const encoding = (fields.encoding || 'auto') as (typeof ENCODINGS)[number];
    if (!ENCODINGS.includes(encoding))
      throw new HttpError(400, `encoding must be one of ${ENCODINGS.join(', ')}.`, { encoding: 'unknown' }, undefined, withFields(problem('import_option_invalid', { option: 'encoding', allowed: [...ENCODINGS] }), { encoding: problem('field_one_of', { allowed: [...ENCODINGS] }) }));
    const kind = fields.kind as ImportKind;
    assertMayImport(user, kind);
    const result = await dryRunImport(db, {
      bytes: new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      fileName: file.name, kind, crs, encoding, mapping: parseMapping(fields.mapping),
      units: parseUnits(kind, fields.units), cumulative: parseCumulative(fields.cumulative), user,
    });
    return reply.status(201).send({ ...result, issues: result.issues.slice(0, ISSUES_IN_REPORT), issuesTruncated: result.issues.length > ISSUES_IN_REPORT });
  });

  app.get<{ Querystring: { kind?: string; limit?: string; offset?: string } }>('/api/imports', {
    schema: { tags: ['imports'], summary: 'Recent imports: who, when, which file, and the counts added / updated / unchanged / rejected' },
  }, async (req) => {
    const user = requireUser(req, ['admin', 'official']);
    let kind = req.query.kind as ImportKind | undefined;
    if (kind !== undefined && !IMPORT_KINDS.includes(kind)) throw new HttpError(400, `kind must be one of ${IMPORT_KINDS.join(', ')}.`, undefined, undefined, problem('import_option_invalid', { option: 'kind', allowed: [...IMPORT_KINDS] }));
    // An official sees only their own park status files.
    if (user.role === 'official') kind = 'parkStatus';
    return { items: await listImports(db, { kind, userId: user.role === 'official' ? user.id : undefined, limit: intParam('limit', req.query.limit, 1, 200, 50), offset: intParam('offset', req.query.offset, 0, 10_000_000, 0) }) };
  });

  app.get<{ Params: { id: string }; Querystring: { records?: string } }>('/api/imports/:id', {
    schema: { tags: ['imports'], summary: 'One import with all its issues; `records=N` adds the first N validated records (a preview)' },
  }, async (req) => {
    const user = requireUser(req, ['admin', 'official']);
    const detail = await getImport(db, req.params.id);
    if (!detail || !mayUseImport(user, detail)) throw importNotFound(req.params.id);
    const n = intParam('records', req.query.records, 0, 500, 0);
    // A pending park status file: what applying it will do, row by row (as in the dry run's answer).
    const plan = detail.kind === 'parkStatus' && detail.status === 'pending'
      ? { plan: parkStatusPlan(await listImportRecords<ParkStatusRecord>(db, req.params.id, { limit: 10_000 })) } : {};
    return n ? { ...detail, ...plan, records: await listImportRecords(db, req.params.id, { limit: n }) } : { ...detail, ...plan };
  });

  app.get<{ Params: { id: string }; Querystring: { limit?: string; offset?: string } }>('/api/imports/:id/changes', {
    schema: { tags: ['imports'], summary: 'What an applied import changed: one entry per added or updated record, with the fields that changed ({field: [before, after]})' },
  }, async (req) => {
    const user = requireUser(req, ['admin', 'official']);
    const imp = await getImport(db, req.params.id);
    if (!imp || !mayUseImport(user, imp)) throw importNotFound(req.params.id);
    const limit = intParam('limit', req.query.limit, 1, 500, 100);
    const offset = intParam('offset', req.query.offset, 0, 10_000_000, 0);
    const { total, items } = await importChanges(db, req.params.id, { limit, offset });
    return { total, limit, offset, items };
  });

  app.get<{ Params: { id: string } }>('/api/imports/:id/preview', {
    schema: { tags: ['imports'], summary: 'What applying a pending import would change, without changing anything: the counts added / updated / unchanged / rejected (the apply runs and is rolled back), for the confirmation before applying' },
  }, async (req) => {
    const user = requireUser(req, ['admin', 'official']);
    const imp = await getImport(db, req.params.id);
    if (!imp || !mayUseImport(user, imp, true)) throw importNotFound(req.params.id);
    return previewImport(db, req.params.id, user);
  });

  app.post<{ Params: { id: string } }>('/api/imports/:id/apply', {
    schema: { tags: ['imports'], summary: 'Apply a dry-run import: every valid record or none; answers the counts added / updated / unchanged / rejected' },
  }, async (req) => {
    const user = requireUser(req, ['admin', 'official']);
    const imp = await getImport(db, req.params.id);
    if (!imp || !mayUseImport(user, imp, true)) throw importNotFound(req.params.id);
    // A park status file goes in whole or not at all, as the bulk CSV did: a rejected row is fixed and the file uploaded again.
    if (imp.kind === 'parkStatus' && imp.status === 'pending' && imp.counts.rejected > 0) {
      const lines = [...new Set(imp.issues.filter((i) => i.severity === 'error' && i.row > 0).map((i) => i.row))];
      throw new HttpError(409, `Nothing was applied: ${imp.counts.rejected} row(s) were rejected in the check (lines ${lines.join(', ')}). Fix them and upload again.`, undefined, undefined,
        problem('bulk_rows_rejected', { count: imp.counts.rejected, lines }));
    }
    // Parks and districts: the apply step rebuilds the tiles through this server's store (apply-import.ts).
    return applyImport(db, req.params.id, user, { tiles: opts.tiles ?? null, onTilesError: (err) => req.log.error(err, 'tile rebuild after import failed') });
  });

  app.get<{ Params: { file: string }; Querystring: { district?: string } }>('/api/imports/templates/:file', {
    schema: {
      tags: ['imports'],
      summary: 'The template of a park status file: parkStatus.xlsx or parkStatus.csv, in Chinese, with the allowed values and an example row',
      description: 'Officials get their district\'s parks with their current values (change what changed and upload the file with kind=parkStatus; rows left as they are are skipped); '
        + 'administrators the parks of `district` (a district code), or without it one example row. XLSX: sheet 园区状态 with drop-down lists, and sheet 说明 (columns, allowed values, date forms, '
        + 'an example). CSV: UTF-8 with BOM, the allowed values in the headers.',
      params: { type: 'object', properties: { file: { type: 'string', enum: ['parkStatus.xlsx', 'parkStatus.csv'] } } },
      querystring: { type: 'object', additionalProperties: false, properties: { district: { type: 'string', maxLength: 12 } } },
    },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin', 'official']);
    const district: string | null = user.role === 'official' ? user.district : (req.query.district || null);
    const codes = taxonomy.districts.map((d) => d.code as string);
    if (district !== null && !codes.includes(district))
      throw new HttpError(400, 'district must be a district code such as 440111.', { district: 'unknown' }, undefined,
        withFields(problem('request_invalid', { where: 'query' }), { district: problem('field_one_of', { allowed: codes, value: district }) }));
    const { parks, example } = await templateParks(db, district);
    const today = todayInChina();
    const base = `园区改造状态${district ? `-${district}` : ''}`;
    const disposition = (ext: string) => `attachment; filename="park-status.${ext}"; filename*=UTF-8''${encodeURIComponent(`${base}.${ext}`)}`;
    if (req.params.file.endsWith('.csv'))
      return reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', disposition('csv')).send(templateCsv(parks, example, today));
    return reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('Content-Disposition', disposition('xlsx'))
      .send(Buffer.from(templateXlsx(parks, example, today)));
  });

  app.get<{ Querystring: { kind?: string } }>('/api/import-mappings', {
    schema: { tags: ['imports'], summary: 'Saved column mappings' },
  }, async (req) => {
    requireUser(req, ['admin']);
    return { items: await listMappings(db, req.query.kind as ImportKind | undefined) };
  });

  app.post<{ Body: { name: string; kind: ImportKind; mapping: Record<string, string> } }>('/api/import-mappings', {
    schema: {
      tags: ['imports'],
      summary: 'Save a column mapping under a name (the same name for the same kind replaces it)',
      body: {
        type: 'object', additionalProperties: false, required: ['name', 'kind', 'mapping'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 100 },
          kind: { type: 'string', enum: [...IMPORT_KINDS] },
          mapping: { type: 'object', maxProperties: 50, additionalProperties: { type: 'string', maxLength: 200 } },
        },
      },
    },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin']);
    return reply.status(201).send(await saveMapping(db, { ...req.body, user }));
  });

  app.delete<{ Params: { id: string } }>('/api/import-mappings/:id', { schema: { tags: ['imports'] } }, async (req, reply) => {
    requireUser(req, ['admin']);
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || !(await deleteMapping(db, id))) throw new HttpError(404, `There is no saved mapping ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'mapping', id: req.params.id }));
    return reply.status(204).send();
  });
}
