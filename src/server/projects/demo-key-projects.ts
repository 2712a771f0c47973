// Synthetic key projects (重点项目) for the demo data (issue 13 item 5). They are NOT real projects:
// up to 60 are placed at demo village parks (industrial land), at most 6 per district, the parks
// picked by the md5 of their code; names are "<district>示例重点项目 NN" and codes DEMO-KP-NN. Odd
// ranks are parcels (a square of the project's land area around the park's representative point),
// even ranks points. Land 50–499 mu, intensity 150–849 万元/亩, investment = area × intensity rounded
// to 百万元; two fixed projects sit exactly on the plan's thresholds (DEMO-KP-01: exactly 12亿元 at
// 600万元/亩; DEMO-KP-02: 16亿元 on 400 mu, exactly 400万元/亩), so the demo shows that "超过" is
// strict. Cluster and status from the md5 too. Deterministic: the same parks give the same projects.
// Runs only when there are demo parks and no key project yet (the seed, and migration 17 for a
// database seeded before it). Everything is marked demo.
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Queryable } from '../db/database.ts';

const MU = taxonomy.muInSquareMetres;
/** Clusters a demo project may belong to (the plan's six; 'other' is left out). */
const CLUSTERS = taxonomy.clusters.map((c) => c.code).filter((c) => c !== 'other');

/** SQL of the table (migration 17). */
export const KEY_PROJECTS_TABLE_SQL = `
CREATE TABLE key_projects (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  investment bigint NOT NULL CHECK (investment >= 0),
  area_mu double precision CHECK (area_mu >= 0),
  cluster text,
  status text NOT NULL CHECK (status IN ('planned', 'under_construction', 'completed')),
  district text REFERENCES districts(code),
  demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  import_id text REFERENCES imports(id),
  geom geometry(Geometry, 4326) NOT NULL CHECK (GeometryType(geom) IN ('POINT', 'POLYGON'))
);
CREATE INDEX key_projects_geom ON key_projects USING gist (geom);
CREATE INDEX key_projects_district ON key_projects (district)`;

// md5 bits as a non-negative integer: h(code, salt) in 0 … 2^31-1.
const h = (salt: string) => `(('x' || substr(md5(p.code || '${salt}'), 1, 8))::bit(32)::int & 2147483647)`;

export const DEMO_KEY_PROJECTS_SQL = `
WITH picked AS (
  SELECT p.id, p.code, p.district, ST_PointOnSurface(p.geom) AS at,
    row_number() OVER (PARTITION BY p.district ORDER BY md5(p.code)) AS in_district, md5(p.code) AS k,
    ${h('area')} AS ha, ${h('intensity')} AS hi, ${h('cluster')} AS hc, ${h('status')} AS hs
  FROM village_parks p WHERE p.demo
),
chosen AS (
  SELECT c.*, row_number() OVER (ORDER BY c.k) AS rank FROM picked c WHERE c.in_district <= 6 ORDER BY c.k LIMIT 60
),
figures AS (
  SELECT c.*,
    CASE c.rank WHEN 1 THEN 200 WHEN 2 THEN 400 ELSE 50 + c.ha % 450 END::float8 AS area_mu,
    CASE c.rank WHEN 1 THEN 1200000000 WHEN 2 THEN 1600000000
      ELSE round((50 + c.ha % 450)::float8 * (150 + c.hi % 700) * 10000 / 1e6) * 1e6 END::bigint AS investment
  FROM chosen c
),
shaped AS (
  SELECT f.*, CASE WHEN f.rank % 2 = 1 THEN ST_MakeEnvelope(
      ST_X(f.at) - sqrt(f.area_mu * ${MU}) / 2 / (111320 * cos(radians(ST_Y(f.at)))), ST_Y(f.at) - sqrt(f.area_mu * ${MU}) / 2 / 111320,
      ST_X(f.at) + sqrt(f.area_mu * ${MU}) / 2 / (111320 * cos(radians(ST_Y(f.at)))), ST_Y(f.at) + sqrt(f.area_mu * ${MU}) / 2 / 111320, 4326)
    ELSE f.at END AS geom
  FROM figures f
)
INSERT INTO key_projects (code, name, investment, area_mu, cluster, status, district, demo, updated_by, geom)
SELECT 'DEMO-KP-' || lpad(s.rank::text, 2, '0'),
  coalesce(d.name, '') || '示例重点项目 ' || lpad(s.rank::text, 2, '0'),
  s.investment, s.area_mu,
  (ARRAY[${CLUSTERS.map((c) => `'${c}'`).join(', ')}])[1 + s.hc % ${CLUSTERS.length}],
  (ARRAY['planned', 'under_construction', 'under_construction', 'completed'])[1 + s.hs % 4],
  s.district, true, 'system', ST_SnapToGrid(s.geom, 0.0000001)
FROM shaped s LEFT JOIN districts d ON d.code = s.district
WHERE NOT EXISTS (SELECT 1 FROM key_projects)
ORDER BY s.rank`;

/** Seeds the synthetic key projects when there are demo parks and no project yet; returns how many were added. */
export async function seedDemoKeyProjects(tx: Queryable): Promise<number> {
  if ((await tx.query('SELECT 1 FROM key_projects LIMIT 1')).length) return 0;
  await tx.query(DEMO_KEY_PROJECTS_SQL);
  const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM key_projects');
  return n;
}
