// Seeds an empty database: districts and towns (real), then the demo data generated under
// data/generated/ (parks, value-innovation parks, enterprises), a baseline history row per park and
// the demo accounts. One transaction: a failed seed leaves the database empty, never half-filled.
import { seedDemoBlocks } from '../blocks/demo-blocks.ts';
import { seedDemoKeyProjects } from '../projects/demo-key-projects.ts';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { taxonomy } from '../../domain/taxonomy.ts';
import { refreshAll } from '../monitoring/rollups.ts';
import { seedMonitoringTables } from './seed-monitoring.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Database, Queryable } from './database.ts';

export const DEMO_PASSWORD = 'demo1234';

interface DemoMeta {
  demo: boolean;
  seed: string;
  dataDate: string;
  notice: Record<string, string>;
  /** Town code → [lon, lat] the synthetic town partition grows from (absent in data generated before it was written). */
  townAnchors?: Record<string, [number, number]>;
}

export async function isSeeded(db: Queryable): Promise<boolean> {
  return (await db.query('SELECT 1 FROM users LIMIT 1')).length > 0;
}

async function insertJson(tx: Queryable, sql: string, rows: unknown[], batch = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await tx.query(sql, [JSON.stringify(rows.slice(i, i + batch))]);
}

const PARK_SQL = `
INSERT INTO village_parks (id, code, name, district, town, town_name, village, village_code, area_mu, building_area_m2,
  output_per_mu, tax_per_mu, category, progress, pilot_year, status_date, version, demo, geom)
SELECT (f->>'id')::int, p->>'code', p->>'name', p->>'district', p->>'town', p->>'townName', p->>'village', p->>'villageCode',
  (p->>'areaMu')::float8, (p->>'buildingAreaM2')::float8, (p->>'outputPerMu')::float8, (p->>'taxPerMu')::float8,
  p->>'category', p->>'progress', (p->>'pilotYear')::int, $2::date, 1, true, ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)
FROM jsonb_array_elements($1::jsonb) f, LATERAL (SELECT f->'properties' AS p) x`;

const HISTORY_SQL = `
INSERT INTO park_status_history (park_id, version, username, source, effective_date, reason, to_category, to_progress, to_pilot_year)
SELECT id, 1, 'system', 'seed', status_date, $1, category, progress, pilot_year FROM village_parks`;

const VALUE_PARK_SQL = `
INSERT INTO value_parks (id, code, name, name_zh_hant, name_en, district, theme, area_km2, elements, version, demo, geom)
SELECT (f->>'id')::int, p->>'code', p->>'name', p->>'nameZhHant', p->>'nameEn', p->>'district', p->>'theme',
  (p->>'areaKm2')::float8, p->'elements', 1, true, ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)
FROM jsonb_array_elements($1::jsonb) f, LATERAL (SELECT f->'properties' AS p) x`;

// One line per enterprise: {id, m: [[YYYYMM, revenue, output, valueAdded, estimated 0|1, profit, tax, employees], …]}.
const FIGURES_SQL = `
INSERT INTO operating_figures (enterprise_id, month, revenue, output, value_added, value_added_estimated, profit, tax, employees, source)
SELECT (l->>'id')::int, (m->>0)::int, (m->>1)::bigint, (m->>2)::bigint, (m->>3)::bigint, (m->>4)::int = 1, (m->>5)::bigint, (m->>6)::bigint, (m->>7)::int, 'seed'
FROM jsonb_array_elements($1::jsonb) l, jsonb_array_elements(l->'m') m`;

const TOWN_ANCHOR_SQL = `
UPDATE towns t SET anchor = ST_SetSRID(ST_MakePoint((a.value->>0)::float8, (a.value->>1)::float8), 4326)
FROM jsonb_each($1::jsonb) a WHERE t.code = a.key`;

const ENTERPRISE_SQL = `
INSERT INTO enterprises (id, name, credit_code, cluster, sub_industry, industry_code, future_industry, tags, revenue, employees, district, town,
  address, village_park_id, value_park_id, demo, geom)
SELECT (e->>'id')::int, e->>'name', e->>'creditCode', e->>'cluster', e->>'subIndustry', e->>'industryCode', e->>'futureIndustry',
  ARRAY(SELECT jsonb_array_elements_text(e->'tags')), (e->>'revenue')::bigint, (e->>'employees')::int, e->>'district', e->>'town',
  e->>'address', (e->>'villageParkId')::int, (e->>'valueParkId')::int, true,
  ST_SetSRID(ST_MakePoint((e->>'lon')::float8, (e->>'lat')::float8), 4326)
FROM jsonb_array_elements($1::jsonb) e`;

/** Seeds from `dataDir` (boundaries/, divisions/) and `generatedDir` (demo data, default dataDir/generated). */
export async function seedDatabase(db: Database, dataDir: string, log: (line: string) => void = () => undefined, generatedDir = join(dataDir, 'generated')): Promise<void> {
  const gen = generatedDir;
  const need = ['meta.json', 'village-parks.geojson', 'value-parks.geojson', 'enterprises.ndjson'].map((f) => join(gen, f));
  const missing = need.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`Cannot seed the database: missing ${missing.join(', ')}. Run "npm run data" first.`);
  const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
  const meta = readJson(need[0]) as DemoMeta;
  const users = [
    { username: 'admin', role: 'admin', district: null },
    { username: 'planner', role: 'planner', district: null },
    { username: 'viewer', role: 'viewer', district: null },
    ...taxonomy.districts.map((d) => ({ username: `official-${d.code}`, role: 'official', district: d.code })),
  ];
  const hashes = await Promise.all(users.map(() => hashPassword(DEMO_PASSWORD)));

  await db.transaction(async (tx) => {
    if (await isSeeded(tx)) return;
    const districts = readJson(join(dataDir, 'boundaries/guangzhou-districts.geojson'));
    await seedMonitoringTables(tx);
    await insertJson(tx, `INSERT INTO districts (code, name, geom) SELECT f->'properties'->>'code', f->'properties'->>'name',
      ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)) FROM jsonb_array_elements($1::jsonb) f`, districts.features);
    await insertJson(tx, `INSERT INTO towns (code, name, district) SELECT t->>'code', t->>'name', t->>'district' FROM jsonb_array_elements($1::jsonb) t`,
      readJson(join(dataDir, 'divisions/guangzhou-towns.json')));
    // Imports assign a town to new records by nearest anchor, as the generator did (apply-spatial.ts).
    if (meta.townAnchors) await tx.query(TOWN_ANCHOR_SQL, [JSON.stringify(meta.townAnchors)]);
    const parks = readJson(need[1]).features;
    for (let i = 0; i < parks.length; i += 1000) await tx.query(PARK_SQL, [JSON.stringify(parks.slice(i, i + 1000)), meta.dataDate]);
    await tx.query(HISTORY_SQL, ['demo data baseline']);
    await insertJson(tx, VALUE_PARK_SQL, readJson(need[2]).features);
    let batch: string[] = [];
    let count = 0;
    const flush = async () => {
      if (batch.length) await tx.query(ENTERPRISE_SQL, [`[${batch.join(',')}]`]);
      count += batch.length;
      batch = [];
    };
    for await (const line of createInterface({ input: createReadStream(need[3]) })) {
      if (!line.trim()) continue;
      batch.push(line);
      if (batch.length === 5000) await flush();
    }
    await flush();
    const figures = join(gen, 'figures.ndjson');
    if (existsSync(figures)) {
      let lines: string[] = [];
      const flushFigures = async () => {
        if (lines.length) await tx.query(FIGURES_SQL, [`[${lines.join(',')}]`]);
        lines = [];
      };
      for await (const line of createInterface({ input: createReadStream(figures) })) {
        if (!line.trim()) continue;
        lines.push(line);
        if (lines.length === 500) await flushFigures();
      }
      await flushFigures();
    }
    await refreshAll(tx);
    // Synthetic industrial blocks around the busiest clusters of demo enterprises (not the official ones).
    await seedDemoBlocks(tx);
    // Synthetic key projects at demo village parks (not real projects; data/README.md).
    await seedDemoKeyProjects(tx);
    for (let i = 0; i < users.length; i++)
      await tx.query('INSERT INTO users (username, password_hash, role, district) VALUES ($1, $2, $3, $4)', [users[i].username, hashes[i], users[i].role, users[i].district]);
    const { townAnchors: _anchors, ...demoMeta } = meta;
    await tx.query(`INSERT INTO dataset_meta (key, value) VALUES ('demo', $1::jsonb)`, [JSON.stringify(demoMeta)]);
    // The taxonomy of seeds/ (labels in three languages) travels with the data, for SQL and BI users.
    await tx.query(`INSERT INTO dataset_meta (key, value) VALUES ('taxonomy', $1::jsonb)`, [JSON.stringify(taxonomy)]);
    log(`seeded ${parks.length} village parks and ${count} enterprises (demo data, seed "${meta.seed}")`);
  });
}
