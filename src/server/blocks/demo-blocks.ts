// Synthetic industrial blocks for the demo data (issue 13 item 6). They are NOT the city's official
// 工业产业区块: the 30 busiest 0.02° squares of demo enterprises (at most 4 per district), each
// outlined by the convex hull of its enterprises, widened by about 150 m and kept inside its square
// less 60 m on each side (so neighbouring blocks never overlap or touch). Codes DEMO-IB-01…, names
// "<district>示例产业区块 NN", the 12 busiest first-level (一级控制线), the rest second-level.
// Deterministic: the same enterprises give the same blocks. Runs only when there are demo enterprises
// and no block yet (the seed, and migration 18 for a database seeded before it).
import type { Queryable } from '../db/database.ts';

const MU = 666.67;

export const DEMO_BLOCKS_SQL = `
WITH cells AS (
  SELECT floor(ST_X(geom) / 0.02)::int AS gx, floor(ST_Y(geom) / 0.02)::int AS gy, count(*) AS n,
    mode() WITHIN GROUP (ORDER BY district) AS district, ST_ConvexHull(ST_Collect(geom)) AS hull
  FROM enterprises WHERE demo GROUP BY 1, 2 HAVING count(*) >= 8
),
ranked AS (
  SELECT c.*, row_number() OVER (PARTITION BY district ORDER BY n DESC, gx, gy) AS in_district FROM cells c
),
chosen AS (
  SELECT r.*, row_number() OVER (ORDER BY n DESC, gx, gy) AS rank FROM ranked r WHERE in_district <= 4 ORDER BY n DESC, gx, gy LIMIT 30
),
shaped AS (
  SELECT c.rank, c.district,
    ST_Multi(ST_CollectionExtract(ST_Intersection(
      ST_Buffer(c.hull, 0.0015, 'quad_segs=2'),
      ST_MakeEnvelope(c.gx * 0.02 + 0.0006, c.gy * 0.02 + 0.0006, (c.gx + 1) * 0.02 - 0.0006, (c.gy + 1) * 0.02 - 0.0006, 4326)), 3)) AS geom
  FROM chosen c
)
INSERT INTO industrial_blocks (code, name, level, district, area_mu, demo, geom)
SELECT 'DEMO-IB-' || lpad(s.rank::text, 2, '0'),
  coalesce(d.name, '') || '示例产业区块 ' || lpad(s.rank::text, 2, '0'),
  CASE WHEN s.rank <= 12 THEN 'first' ELSE 'second' END,
  d.code, round((ST_Area(s.geom::geography) / ${MU})::numeric, 2)::float8, true, ST_SnapToGrid(s.geom, 0.0000001)
FROM shaped s LEFT JOIN districts d ON d.code = s.district
WHERE NOT ST_IsEmpty(s.geom) AND NOT EXISTS (SELECT 1 FROM industrial_blocks)
ORDER BY s.rank`;

/** Seeds the synthetic blocks when there are demo enterprises and no block yet; returns how many were added. */
export async function seedDemoBlocks(tx: Queryable): Promise<number> {
  if ((await tx.query('SELECT 1 FROM industrial_blocks LIMIT 1')).length) return 0;
  await tx.query(DEMO_BLOCKS_SQL);
  const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM industrial_blocks');
  return n;
}
