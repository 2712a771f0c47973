// Where the map's PMTiles archives are served from, so that every server process serves the same
// ones (docs/architecture.md §8):
// - the baseline is built from the data files (`npm start`, `npm run tiles`) into TILES_DIR, the
//   same on every machine built from the same data;
// - after an import of parks or districts they are rebuilt from the database and kept in the table
//   tile_archives with the tiles revision they show (dataset_meta.tiles_revision, bumped in the
//   import's transaction); an archive in the table wins over the file.
// On PostgreSQL several processes may share the database and any of them may rebuild, so each
// request asks for the archive's ETag (one primary-key lookup) and reloads the bytes only when it
// changed. The embedded database is opened by one process only, which is then the only writer: it
// reads the table once and reads it again after its own rebuilds.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, Queryable } from '../db/database.ts';
import { buildTilesFromDatabase, tilesRevision } from './rebuild-from-database.ts';

export const TILE_ARCHIVES = ['districts.pmtiles', 'village-parks.pmtiles', 'value-parks.pmtiles'] as const;

export interface TileArchive {
  /** Strong ETag: the PMTiles reader compares it across its range requests to notice a replaced archive. */
  etag: string;
  bytes: Buffer;
}

const etagOf = (bytes: Uint8Array) => `"${createHash('sha1').update(bytes).digest('base64url')}"`;
const toBuffer = (b: Uint8Array) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * Rebuilds the archives from the database and stores them. A rebuild never replaces archives of a
 * later revision (two imports through two processes may finish their rebuilds in either order).
 * Returns false when newer archives were already there.
 */
export async function rebuildTileArchives(db: Database): Promise<boolean> {
  const { revision, archives } = await buildTilesFromDatabase(db);
  return db.transaction(async (tx) => {
    let stored = 0;
    for (const a of archives) {
      stored += (await tx.query(
        `INSERT INTO tile_archives (name, source_revision, etag, bytes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET source_revision = EXCLUDED.source_revision, etag = EXCLUDED.etag, bytes = EXCLUDED.bytes, built_at = now()
         WHERE tile_archives.source_revision < EXCLUDED.source_revision
         RETURNING name`,
        [a.file, revision, etagOf(a.bytes), toBuffer(a.bytes)],
      )).length;
    }
    return stored > 0;
  });
}

/** True when an import changed parks or districts and the stored archives do not show it yet (a rebuild failed or the process died first). */
export async function tilesOutOfDate(db: Queryable): Promise<boolean> {
  const want = await tilesRevision(db);
  if (want === 0) return false; // never imported: the files are current
  const [r] = await db.query<{ n: number; have: number | null }>('SELECT count(*)::int AS n, min(source_revision)::float8 AS have FROM tile_archives');
  return r.n < TILE_ARCHIVES.length || (r.have ?? 0) < want;
}

export class TileStore {
  /** Archives from tile_archives, as last read. */
  private stored = new Map<string, TileArchive>();
  /** Loads in flight, so a burst of range requests after a rebuild reads the bytes once. */
  private loading = new Map<string, Promise<TileArchive | null>>();
  /** Embedded database: the one read of the whole table, until this process rebuilds. */
  private loadedAll: Promise<void> | null = null;
  private generation = 0;
  private files = new Map<string, { mtimeMs: number; size: number; archive: TileArchive }>();

  constructor(private readonly db: Database, private readonly tilesDir?: string) {}

  /** The archive called `name` (a plain file name), or null. */
  async get(name: string): Promise<TileArchive | null> {
    return (await this.fromDatabase(name)) ?? this.fromFile(name);
  }

  /** After an import of parks or districts: rebuild, store, and serve the new archives from the next request on. */
  async rebuild(): Promise<void> {
    await rebuildTileArchives(this.db);
    this.generation++;
    this.loadedAll = null;
  }

  private async fromDatabase(name: string): Promise<TileArchive | null> {
    if (this.db.kind === 'pglite') {
      await (this.loadedAll ??= this.loadAll().catch((err) => {
        this.loadedAll = null; // try again on the next request
        throw err;
      }));
      return this.stored.get(name) ?? null;
    }
    const [row] = await this.db.query<{ etag: string }>('SELECT etag FROM tile_archives WHERE name = $1', [name]);
    if (!row) return null;
    const have = this.stored.get(name);
    if (have?.etag === row.etag) return have;
    const key = `${name} ${row.etag}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.loadOne(name).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async loadOne(name: string): Promise<TileArchive | null> {
    const [row] = await this.db.query<{ etag: string; bytes: Uint8Array }>('SELECT etag, bytes FROM tile_archives WHERE name = $1', [name]);
    if (!row) return null;
    const archive = { etag: row.etag, bytes: toBuffer(row.bytes) };
    this.stored.set(name, archive);
    return archive;
  }

  private async loadAll(): Promise<void> {
    const generation = this.generation;
    const rows = await this.db.query<{ name: string; etag: string; bytes: Uint8Array }>('SELECT name, etag, bytes FROM tile_archives');
    // A rebuild that finished meanwhile made this read stale: the next request reads again.
    if (generation !== this.generation) return;
    this.stored = new Map(rows.map((r) => [r.name, { etag: r.etag, bytes: toBuffer(r.bytes) }]));
  }

  private async fromFile(name: string): Promise<TileArchive | null> {
    if (!this.tilesDir) return null;
    const path = join(this.tilesDir, name);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) return null;
    // `npm run tiles` may replace a file while the server runs: the size and time tell.
    const cached = this.files.get(name);
    if (cached && cached.mtimeMs === s.mtimeMs && cached.size === s.size) return cached.archive;
    const bytes = await readFile(path);
    const archive = { etag: etagOf(bytes), bytes };
    this.files.set(name, { mtimeMs: s.mtimeMs, size: s.size, archive });
    return archive;
  }
}
