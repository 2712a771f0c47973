// GET /tiles/<name>.pmtiles: the map's vector tile archives (tiles/tile-store.ts says where they come
// from). The browser's PMTiles reader fetches byte ranges of one archive, so single ranges are
// answered 206; the ETag is the content's hash, the same from every server process.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../../domain/problems.ts';
import { HttpError } from '../http/errors.ts';
import type { TileArchive, TileStore } from '../tiles/tile-store.ts';

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * One `bytes=` range of an archive of `size` bytes (RFC 9110 §14.1.2). null: no usable range (absent,
 * malformed, or several ranges), so the whole archive is sent, which the RFC allows.
 */
export function parseRange(header: string | undefined, size: number): Range {
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (m[2] !== '' && Number(m[2]) < start) return null;
  return { start, end };
}

function send(req: FastifyRequest, reply: FastifyReply, archive: TileArchive) {
  // no-cache: a browser keeps the bytes but asks each time, so a rebuilt archive is seen at once.
  reply.header('Accept-Ranges', 'bytes').header('ETag', archive.etag).header('Cache-Control', 'no-cache').header('Content-Type', 'application/octet-stream');
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === archive.etag)) return reply.status(304).send();
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || ifRange === archive.etag ? parseRange(req.headers.range, archive.bytes.length) : null;
  if (range === 'unsatisfiable') return reply.status(416).header('Content-Range', `bytes */${archive.bytes.length}`).send();
  if (!range) return reply.send(archive.bytes);
  return reply
    .status(206)
    .header('Content-Range', `bytes ${range.start}-${range.end}/${archive.bytes.length}`)
    .send(archive.bytes.subarray(range.start, range.end + 1));
}

/** The regional vector basemap (Protomaps schema), when the operator put one in place (docs/deploy.md). */
export const BASEMAP_ARCHIVE = 'basemap.pmtiles';

/**
 * The vector basemap, read from its file per request: a city's archive is hundreds of megabytes, so
 * it is never held in memory, and each range is streamed from disk. The ETag is the file's size
 * and time (a replaced file gets a new one); null when there is no such file.
 */
async function basemapArchive(path: string): Promise<{ etag: string; size: number } | null> {
  const s = await stat(path).catch(() => null);
  if (!s?.isFile()) return null;
  return { etag: `"${s.size.toString(36)}-${Math.floor(s.mtimeMs).toString(36)}"`, size: s.size };
}

async function sendBasemap(req: FastifyRequest, reply: FastifyReply, path: string) {
  const archive = await basemapArchive(path);
  if (!archive) return null;
  reply.header('Accept-Ranges', 'bytes').header('ETag', archive.etag).header('Cache-Control', 'no-cache').header('Content-Type', 'application/octet-stream');
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === archive.etag)) return reply.status(304).send();
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || ifRange === archive.etag ? parseRange(req.headers.range, archive.size) : null;
  if (range === 'unsatisfiable') return reply.status(416).header('Content-Range', `bytes */${archive.size}`).send();
  const { start, end } = range ?? { start: 0, end: archive.size - 1 };
  if (range) reply.status(206).header('Content-Range', `bytes ${start}-${end}/${archive.size}`);
  reply.header('Content-Length', end - start + 1);
  if (archive.size === 0) return reply.send('');
  // For HEAD (how the app asks whether there is a basemap) Fastify sends the headers only and closes the stream unread.
  return reply.send(createReadStream(path, { start, end }));
}

/** `basemapPath`: where the vector basemap would be (BASEMAP_PMTILES, else `<TILES_DIR>/basemap.pmtiles`). */
export function tileRoutes(app: FastifyInstance, store: TileStore, basemapPath?: string): void {
  app.get<{ Params: { name: string } }>('/tiles/:name', { schema: { hide: true } }, async (req, reply) => {
    const { name } = req.params;
    if (name === BASEMAP_ARCHIVE && basemapPath) {
      const sent = await sendBasemap(req, reply, basemapPath);
      if (sent) return sent;
      throw new HttpError(404, `Nothing here: ${req.method} /tiles/${name}`, undefined, undefined, problem('route_not_found', { method: req.method, path: `/tiles/${name}` }));
    }
    // A plain file name only: never a path out of the tiles folder.
    const archive = /^[\w-][\w.-]*$/.test(name) ? await store.get(name) : null;
    if (!archive) throw new HttpError(404, `Nothing here: ${req.method} /tiles/${name}`, undefined, undefined, problem('route_not_found', { method: req.method, path: `/tiles/${name}` }));
    return send(req, reply, archive);
  });
}
