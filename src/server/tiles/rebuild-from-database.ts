// After an import changes parks or districts, the map's vector tiles are rebuilt from the database
// (the same pipeline `npm run tiles` runs on the files) and swapped in, so the map shows the new
// outlines without a restart. Files are written next to the old ones and renamed over them.
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { buildTiles } from './tiles-pipeline.ts';

const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

export async function rebuildTilesFromDatabase(db: Database, tilesDir: string): Promise<void> {
  const [districts, parks, valueParks] = await Promise.all([
    db.query<{ code: string; name: string; g: string }>('SELECT code, name, ST_AsGeoJSON(geom, 7) AS g FROM districts ORDER BY code'),
    db.query<Record<string, unknown> & { g: string; id: number }>(
      `SELECT id, code, name, district, category, progress, pilot_year AS "pilotYear", area_mu AS "areaMu", output_per_mu AS "outputPerMu", ST_AsGeoJSON(geom, 7) AS g
       FROM village_parks ORDER BY id`),
    db.query<Record<string, unknown> & { g: string; id: number }>(
      `SELECT id, code, name, name_zh_hant AS "nameZhHant", name_en AS "nameEn", district, theme, area_km2 AS "areaKm2", ST_AsGeoJSON(geom, 7) AS g
       FROM value_parks ORDER BY id`),
  ]);
  const work = mkdtempSync(join(tilesDir, '.rebuild-'));
  try {
    mkdirSync(join(work, 'in', 'boundaries'), { recursive: true });
    mkdirSync(join(work, 'in', 'generated'), { recursive: true });
    writeFileSync(join(work, 'in', 'boundaries', 'guangzhou-districts.geojson'),
      collection(districts.map((d) => ({ type: 'Feature', properties: { code: d.code, name: d.name }, geometry: JSON.parse(d.g) }))));
    const features = (rows: (Record<string, unknown> & { g: string; id: number })[]) =>
      rows.map(({ g, ...properties }) => ({ type: 'Feature', id: properties.id, properties, geometry: JSON.parse(g) }));
    writeFileSync(join(work, 'in', 'generated', 'village-parks.geojson'), collection(features(parks)));
    writeFileSync(join(work, 'in', 'generated', 'value-parks.geojson'), collection(features(valueParks)));
    buildTiles({ inDir: join(work, 'in'), outDir: join(work, 'out') });
    for (const file of readdirSync(join(work, 'out'))) renameSync(join(work, 'out', file), join(tilesDir, file));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
