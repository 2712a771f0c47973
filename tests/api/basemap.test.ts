// Issue 15 item 7: the regional vector basemap is served as /tiles/basemap.pmtiles, by byte ranges
// read from its file, when TILES_DIR holds one (or BASEMAP_PMTILES names one), and is absent (404)
// otherwise, which is how the app knows whether to offer it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { protomapsTestArchive } from '../helpers/protomaps-archive.ts';
import { copyTemplate, type TestDatabase } from '../helpers/test-db.ts';

describe('the vector basemap archive', () => {
  let dir: string;
  let database: TestDatabase;
  const archive = protomapsTestArchive(12);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'igis-basemap-'));
    database = await copyTemplate('pglite');
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function appWith(opts: { inTilesDir?: boolean; path?: string }) {
    const tilesDir = mkdtempSync(join(dir, 'tiles-'));
    writeFileSync(join(tilesDir, 'districts.pmtiles'), Buffer.from('PMTiles'));
    if (opts.inTilesDir) writeFileSync(join(tilesDir, 'basemap.pmtiles'), archive);
    return buildApp({ db: database.db, tilesDir, basemapPmtiles: opts.path, reports: false });
  }

  it('is served by ranges when TILES_DIR holds basemap.pmtiles', async () => {
    const app = await appWith({ inTilesDir: true });
    try {
      const head = await app.inject({ method: 'HEAD', url: '/tiles/basemap.pmtiles' });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-type']).toBe('application/octet-stream');
      expect(Number(head.headers['content-length'])).toBe(archive.length);
      const part = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: 'bytes=0-126' } });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 0-126/${archive.length}`);
      expect(part.rawPayload.subarray(0, 7).toString()).toBe('PMTiles');
      expect(Buffer.compare(part.rawPayload, Buffer.from(archive.subarray(0, 127)))).toBe(0);
      const tail = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: `bytes=${archive.length - 10}-` } });
      expect(Buffer.compare(tail.rawPayload, Buffer.from(archive.subarray(archive.length - 10)))).toBe(0);
      const whole = await app.inject({ url: '/tiles/basemap.pmtiles' });
      expect(whole.statusCode).toBe(200);
      expect(whole.rawPayload.length).toBe(archive.length);
      const etag = whole.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect((await app.inject({ url: '/tiles/basemap.pmtiles', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
      expect((await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: `bytes=${archive.length}-` } })).statusCode).toBe(416);
    } finally {
      await app.close();
    }
  });

  it('is absent (404) when there is none, and read from BASEMAP_PMTILES when that names one', async () => {
    const none = await appWith({});
    try {
      expect((await none.inject({ method: 'HEAD', url: '/tiles/basemap.pmtiles' })).statusCode).toBe(404);
      const r = await none.inject({ url: '/tiles/basemap.pmtiles', headers: { range: 'bytes=0-126' } });
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('route_not_found');
    } finally {
      await none.close();
    }
    const elsewhere = join(dir, 'regional');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'guangzhou.pmtiles'), archive);
    const app = await appWith({ path: join(elsewhere, 'guangzhou.pmtiles') });
    try {
      const r = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: 'bytes=0-6' } });
      expect(r.statusCode).toBe(206);
      expect(r.body).toBe('PMTiles');
    } finally {
      await app.close();
    }
  });
});
