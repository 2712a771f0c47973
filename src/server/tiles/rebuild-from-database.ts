// After an import changes parks or districts, the map's vector tiles are rebuilt from the database
// (the same pipeline `npm run tiles` runs on the files), in memory; tile-store.ts keeps the result
// in the database, so every server process serves the same archives.
import type { Feature, FeatureCollection } from 'geojson';
import type { Queryable } from '../db/database.ts';
import { buildTileArchives, type BuiltArchive } from './tiles-pipeline.ts';

type Row = Record<string, unknown> & { g: string; id: number };
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const features = (rows: Row[]): Feature[] =>
  rows.map(({ g, ...properties }) => ({ type: 'Feature', id: properties.id, properties, geometry: JSON.parse(g) }));

/** What the tiles are drawn from: imports of parks and districts bump it (tile-store.ts). */
export async function tilesRevision(db: Queryable): Promise<number> {
  const [r] = await db.query<{ rev: string | null }>(`SELECT value #>> '{}' AS rev FROM dataset_meta WHERE key = 'tiles_revision'`);
  return Number(r?.rev ?? 0);
}

/**
 * The three archives built from the database, and the tiles revision they show at least. The
 * revision is read before the data: an import committing in between makes the archives newer than
 * their label (harmless, its own rebuild replaces them), never older.
 */
export async function buildTilesFromDatabase(db: Queryable): Promise<{ revision: number; archives: BuiltArchive[] }> {
  const revision = await tilesRevision(db);
  const [districts, parks, valueParks] = await Promise.all([
    db.query<{ code: string; name: string; g: string }>('SELECT code, name, ST_AsGeoJSON(geom, 7) AS g FROM districts ORDER BY code'),
    db.query<Row>(
      `SELECT id, code, name, district, category, progress, pilot_year AS "pilotYear", area_mu AS "areaMu", output_per_mu AS "outputPerMu", ST_AsGeoJSON(geom, 7) AS g
       FROM village_parks ORDER BY id`),
    db.query<Row>(
      `SELECT id, code, name, name_zh_hant AS "nameZhHant", name_en AS "nameEn", district, theme, area_km2 AS "areaKm2", ST_AsGeoJSON(geom, 7) AS g
       FROM value_parks ORDER BY id`),
  ]);
  const archives = buildTileArchives({
    districts: collection(districts.map((d) => ({ type: 'Feature', properties: { code: d.code, name: d.name }, geometry: JSON.parse(d.g) }))),
    villageParks: collection(features(parks)),
    valueParks: collection(features(valueParks)),
  });
  return { revision, archives };
}
