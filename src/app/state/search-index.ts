// Client-side search over the village and value-innovation parks (names, villages, codes): the
// lists are small (≈2,700 and 10), so a linear scan over pre-normalised strings is instant.
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Bounds = [number, number, number, number];

export interface SearchEntry {
  kind: 'park' | 'valuePark';
  id: number;
  name: string;
  /** Every name the entry is known by (a value park has three, one per language). */
  names: string[];
  /** Secondary text: village, code. */
  detail: string;
  bounds: Bounds | null;
  /** Lower-cased text the query is matched against. */
  haystack: string;
}

export function boundsOf(g: Polygon | MultiPolygon | null): Bounds | null {
  if (!g) return null;
  const b: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  return Number.isFinite(b[0]) ? b : null;
}

export const normalise = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export function entry(kind: SearchEntry['kind'], id: number, names: string[], detail: string, geometry: Polygon | MultiPolygon | null): SearchEntry {
  return { kind, id, name: names[0], names, detail, bounds: boundsOf(geometry), haystack: normalise([...names, detail].join(' ')) };
}

/** Entries matching the query, names that start with it first, then shorter names, at most `limit`. */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit: number): SearchEntry[] {
  const q = normalise(query);
  if (!q) return [];
  const hits = entries.filter((e) => e.haystack.includes(q));
  const rank = (e: SearchEntry) => (normalise(e.name).startsWith(q) ? 0 : normalise(e.name).includes(q) ? 1 : 2);
  return hits.sort((a, b) => rank(a) - rank(b) || a.name.length - b.name.length || a.id - b.id).slice(0, limit);
}
