// Reading a filter area from a file the user chooses: GeoJSON (FeatureCollection, Feature or bare
// geometry) or KML (via @tmcw/togeojson). Polygons and MultiPolygons become the area's polygons;
// anything else is reported. The XML parser is passed in (the browser's DOMParser; xmldom in tests).
import { kml } from '@tmcw/togeojson';
import type { Geometry, Polygon, Position } from 'geojson';
import { syntaxPosition } from '../../domain/import/json-scan.ts';
import { cleanPolygon } from '../../domain/import/polygon-checks.ts';
import { problem, ProblemError } from '../../domain/problems.ts';

const BOUNDS = [111.8, 21.8, 115.2, 24.6] as const;
export const MAX_AREA_FILE_BYTES = 20 * 1024 * 1024;
const MAX_POLYGONS = 1000;

export type ParseXml = (text: string) => Document;

function geometriesOf(value: unknown): Geometry[] {
  const v = value as { type?: string; features?: unknown[]; geometry?: unknown; geometries?: unknown[] } | null;
  if (!v || typeof v !== 'object') return [];
  if (v.type === 'FeatureCollection' && Array.isArray(v.features)) return v.features.flatMap(geometriesOf);
  if (v.type === 'Feature') return geometriesOf(v.geometry);
  if (v.type === 'GeometryCollection' && Array.isArray(v.geometries)) return v.geometries.flatMap(geometriesOf);
  return typeof v.type === 'string' ? [v as Geometry] : [];
}

function checkRing(ring: unknown): Position[] {
  if (!Array.isArray(ring) || ring.length < 4) throw new ProblemError(problem('area_file_ring'), 'a polygon ring has fewer than four positions');
  return ring.map((p: unknown) => {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      throw new ProblemError(problem('area_file_position'), 'a position is not a pair of numbers');
    const [x, y] = p as number[];
    if (x < BOUNDS[0] || x > BOUNDS[2] || y < BOUNDS[1] || y > BOUNDS[3])
      throw new ProblemError(problem('area_file_outside', { lon: x, lat: y }), `the position ${x}, ${y} lies outside the map of Guangzhou; coordinates must be WGS84 longitude, latitude`);
    return [x, y];
  });
}

/**
 * The polygons in a GeoJSON or KML file; throws a ProblemError (a code the app words in the user's
 * language, never the parser's own text) when there are none or the file is bad.
 */
export function polygonsFromFile(name: string, text: string, parseXml: ParseXml): Polygon[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let geometries: Geometry[];
  if (/\.kml$/i.test(name) || trimmed.startsWith('<')) {
    let doc: Document | null = null;
    try {
      doc = parseXml(trimmed);
    } catch {
      // some parsers throw where the browser's returns a <parsererror> document
    }
    if (!doc || doc.getElementsByTagName('parsererror').length || !doc.documentElement || doc.documentElement.nodeName !== 'kml')
      throw new ProblemError(problem('area_file_not_kml'), 'the file is not a readable KML document');
    geometries = kml(doc).features.flatMap(geometriesOf);
  } else {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      // Text read as UTF-8 that was not (a GBK file): say so rather than show the garbled characters.
      if (trimmed.includes('\uFFFD')) throw new ProblemError(problem('area_file_garbled'), 'the file is not UTF-8 text');
      const at = syntaxPosition(trimmed);
      throw new ProblemError(problem('area_file_not_json', at ?? {}), at ? `the file is not valid JSON (line ${at.line}, column ${at.column})` : 'the file is not valid JSON');
    }
    geometries = geometriesOf(json);
  }
  const polygons: Polygon[] = [];
  const others = new Map<string, number>();
  for (const g of geometries) {
    if (g.type === 'Polygon') polygons.push({ type: 'Polygon', coordinates: g.coordinates.map(checkRing) });
    else if (g.type === 'MultiPolygon') for (const c of g.coordinates) polygons.push({ type: 'Polygon', coordinates: c.map(checkRing) });
    else others.set(g.type, (others.get(g.type) ?? 0) + 1);
  }
  if (!polygons.length) {
    const found = [...others].map(([type, n]) => `${n} ${type}`).join(', ');
    throw new ProblemError(problem('area_file_no_polygons', { found: [...others].map(([type, count]) => ({ type, count })) }), found ? `the file has no polygons (found ${found})` : 'the file has no geometries');
  }
  if (polygons.length > MAX_POLYGONS)
    throw new ProblemError(problem('area_file_too_many', { count: polygons.length, max: MAX_POLYGONS }), `the file has ${polygons.length} polygons; at most ${MAX_POLYGONS} can be used as an area`);
  return polygons;
}

/**
 * A polygon from corners typed one per line as "longitude, latitude" (WGS84; a comma, space or
 * tab between them): the keyboard's way to draw an area. Closed if the user did not repeat the
 * first corner; checked as uploaded outlines are (cleanPolygon); throws a ProblemError.
 */
export function polygonFromTyped(text: string): Polygon {
  const corners: Position[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)$/.exec(line);
    if (!m) throw new ProblemError(problem('area_typed_line', { line: i + 1, value: line.slice(0, 40) }), `line ${i + 1} is not "longitude, latitude"`);
    corners.push([Number(m[1]), Number(m[2])]);
  });
  const [a, b] = [corners[0], corners[corners.length - 1]];
  if (a && (a[0] !== b[0] || a[1] !== b[1])) corners.push(a);
  const r = cleanPolygon([corners], 'wgs84');
  if (!r.ok) throw new ProblemError(r.problem, r.message);
  return r.polygon;
}

