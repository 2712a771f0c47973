// The 0.01° grid squares (about 1 km) that area questions are answered on (architecture §5): the
// squares an area covers come from the rollups, the squares on its edge firm by firm.

/** The square of the enterprise `e` (alias e, column geom): floor(lon·100)·100000 + floor(lat·100). */
export const GRID_SQL = '(floor(ST_X(e.geom) * 100)::int * 100000 + floor(ST_Y(e.geom) * 100)::int)';

/** The polygon of square `g`. */
export const GRID_POLYGON_SQL = `ST_MakeEnvelope((g / 100000) / 100.0, (g % 100000) / 100.0, (g / 100000 + 1) / 100.0, (g % 100000 + 1) / 100.0, 4326)`;

/**
 * Rebuilds firm_points, every enterprise's square, cell and position ordered by square, so the firms of
 * an area's edge squares are a few contiguous index ranges rather than one lookup per firm. Called
 * after the cells are assigned (rollups.ts, assignCells), in the same transaction as the change; a
 * whole rebuild, because any enterprise change goes through there and it costs seconds at 1,000,000.
 */
export const REBUILD_FIRM_POINTS_SQL = [
  'DELETE FROM firm_points',
  `INSERT INTO firm_points (grid, enterprise_id, cell_id, geom) SELECT ${GRID_SQL}, e.id, e.cell_id, e.geom FROM enterprises e
    WHERE e.cell_id IS NOT NULL ORDER BY 1, 2`,
  'ANALYZE firm_points',
];
