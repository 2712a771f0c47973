// A strict GeoJSON (RFC 7946) checker for uploads: any text in, never an exception out; either a
// normalised FeatureCollection or one message naming the problems and where they are.
//
// Policy for the cases the RFC leaves open (docs/imports.md, "GeoJSON policy", says the same):
// - winding order: accepted; rings are rewound (exterior counter-clockwise, holes clockwise), §3.1.6
//   says parsers should not reject it;
// - a third number in a position (height): accepted and kept; a fourth or more: rejected, since
//   §3.1.1 leaves its meaning unspecified (a measure? a time?) and we would silently drop data;
// - precision: accepted, every coordinate rounded to 7 decimals (about 1 cm), §11.2;
// - coordinate ranges: not checked here (the validators reject rows outside Guangzhou and positions
//   that are no longitude/latitude, with the row's number);
// - `crs` (GeoJSON 2008): null, or a named CRS that is WGS84 (CRS84, EPSG:4326) or CGCS2000
//   (EPSG:4490), is accepted and ignored; any other CRS is rejected with a request for WGS84;
// - `bbox`: must be 2×n numbers (4 or 6); it is checked, then dropped (it would be stale after
//   rewinding, rounding or conversion);
// - foreign members: accepted and dropped, except members that change GeoJSON semantics (§7.1: e.g.
//   `coordinates` on a Feature, `properties` on a FeatureCollection), which are rejected;
// - duplicate member names in an object (JSON allows them, meaning is ambiguous): rejected;
// - a GeometryCollection of one member: accepted (§3.1.8 only says "should avoid"); a nested
//   GeometryCollection: rejected (§3.1.8 "should avoid"; no row model fits it);
// - a bare Geometry or a single Feature is accepted and returned as a FeatureCollection of one.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { firstDuplicateKey, syntaxMessage, syntaxPosition } from './json-scan.ts';
import { problem, type Problem } from '../problems.ts';

/** `notes` in English and, one for one, `noteProblems`; a failure's `problem` is its code and parameters (src/domain/problems.ts). */
export type GeoJsonCheck = { ok: true; value: FeatureCollection; notes: string[]; noteProblems: Problem[] } | { ok: false; message: string; problem: Problem };

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];
const ALL_TYPES = [...GEOMETRY_TYPES, 'Feature', 'FeatureCollection'];
const ACCEPTED_CRS = /^(urn:ogc:def:crs:ogc:(1\.3:)?crs84|urn:ogc:def:crs:epsg:[\d.]*:(4326|4490)|epsg:(4326|4490)|wgs\s*84|cgcs\s*2000)$/i;
const MAX_PROBLEMS = 3;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Checks and normalises GeoJSON text. */
export function checkGeoJson(text: string): GeoJsonCheck {
  try {
    return check(text);
  } catch (e) {
    // Anything unforeseen (a stack overflow on absurd nesting, say) is still an answer, not a crash.
    return { ok: false, message: `The GeoJSON could not be checked: ${e instanceof Error ? e.message : String(e)}`, problem: problem('geojson_invalid', { count: 1, paths: [] }) };
  }
}

function check(text: string): GeoJsonCheck {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: Json;
  try {
    json = JSON.parse(source) as Json;
  } catch (e) {
    const at = syntaxPosition(source);
    return { ok: false, message: `The file is not valid JSON: ${syntaxMessage(source, e)}`, problem: problem('geojson_not_json', at ?? {}) };
  }
  const dup = firstDuplicateKey(source);
  if (dup) return { ok: false, message: `The file is ambiguous: an object on line ${dup.line} has the member ${JSON.stringify(dup.key)} twice.`, problem: problem('geojson_duplicate_member', dup) };
  const c = new Checker();
  const value = c.root(json);
  if (c.problems.length || !value) {
    const more = c.problems.length > MAX_PROBLEMS ? ` (and ${c.problems.length - MAX_PROBLEMS} more)` : '';
    return { ok: false, message: `The GeoJSON is invalid: ${c.problems.slice(0, MAX_PROBLEMS).join('; ')}${more}.`,
      problem: problem('geojson_invalid', { count: Math.max(c.problems.length, 1), paths: c.paths.slice(0, MAX_PROBLEMS) }) };
  }
  const notes: string[] = [];
  const noteProblems: Problem[] = [];
  if (c.rewound) {
    notes.push(`${c.rewound} polygon ring${c.rewound > 1 ? 's were' : ' was'} rewound to the right-hand rule (RFC 7946 §3.1.6).`);
    noteProblems.push(problem('geojson_normalised', { note: 'rewound', count: c.rewound }));
  }
  if (c.rounded) {
    notes.push('Coordinates were rounded to 7 decimals (about 1 cm).');
    noteProblems.push(problem('geojson_normalised', { note: 'rounded' }));
  }
  if (c.crsNote) {
    notes.push(c.crsNote);
    noteProblems.push(problem('geojson_normalised', { note: 'crs', name: c.crsName }));
  }
  return { ok: true, value, notes, noteProblems };
}

const kindOf = (v: Json | undefined): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  problems: string[] = [];
  /** Where each problem is (the JSON path, '' for the root). */
  paths: string[] = [];
  rewound = 0;
  rounded = false;
  crsNote = '';
  crsName = '';

  private problem(path: string, message: string): void {
    this.problems.push(path ? `${path}: ${message}` : message);
    this.paths.push(path);
  }

  root(json: Json): FeatureCollection | null {
    if (!isObj(json)) {
      this.problem('', `the root of a GeoJSON file must be an object, not ${kindOf(json)}`);
      return null;
    }
    const type = this.typeOf(json, '', ALL_TYPES);
    if (!type) return null;
    this.crs(json);
    if (type === 'FeatureCollection') return this.featureCollection(json);
    if (type === 'Feature') {
      const f = this.feature(json, '');
      return f ? { type: 'FeatureCollection', features: [f] } : null;
    }
    const g = this.geometry(json, '', false);
    return g ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: g }] } : null;
  }

  private typeOf(o: Obj, path: string, allowed: readonly string[]): string | null {
    const t = o.type;
    if (t === undefined) this.problem(path, '"type" member required');
    else if (typeof t !== 'string') this.problem(path, `"type" member should be a string, but is ${kindOf(t)}`);
    else if (allowed.includes(t)) return t;
    else {
      const same = allowed.find((a) => a.toLowerCase() === t.toLowerCase());
      this.problem(path, same ? `expected type "${same}" but found "${t}" (type names are case sensitive)` : `the type ${JSON.stringify(t)} is not ${allowed.length > 2 ? 'one of ' : ''}${allowed.join(', ')}`);
    }
    return null;
  }

  private crs(o: Obj): void {
    if (!('crs' in o) || o.crs === null) return;
    const crs = o.crs;
    const name = isObj(crs) && crs.type === 'name' && isObj(crs.properties) && typeof crs.properties.name === 'string' ? crs.properties.name : null;
    if (name !== null && ACCEPTED_CRS.test(name.trim())) {
      this.crsNote = `The "crs" member (${name}) of GeoJSON 2008 was read as WGS84 longitude/latitude.`;
      this.crsName = String(name);
      return;
    }
    this.problem('crs', `the file declares the coordinate system ${name ? JSON.stringify(name) : JSON.stringify(crs)}; only WGS84 (or CGCS2000) longitude/latitude can be imported, so re-project the file to WGS84 (EPSG:4326)`);
  }

  /** §7.1: members that would change what the object means. */
  private forbidden(o: Obj, path: string, what: string, members: readonly string[]): void {
    for (const m of members) if (m in o) this.problem(path, `a ${what} must not have a "${m}" member`);
  }

  private bbox(o: Obj, path: string): void {
    if (!('bbox' in o)) return;
    const b = o.bbox;
    const at = path ? `${path}.bbox` : 'bbox';
    if (!Array.isArray(b)) this.problem(at, `bbox must be an array of numbers, but is ${kindOf(b)}`);
    else if (!b.every((x) => typeof x === 'number' && Number.isFinite(x))) this.problem(at, 'each element of a bbox must be a number');
    else if (b.length !== 4 && b.length !== 6) this.problem(at, `a bbox must have 4 numbers (2D) or 6 (3D), not ${b.length}`);
  }

  private featureCollection(o: Obj): FeatureCollection | null {
    this.bbox(o, '');
    this.forbidden(o, '', 'FeatureCollection', ['coordinates', 'geometries', 'geometry', 'properties']);
    if (!('features' in o)) {
      this.problem('', '"features" member required');
      return null;
    }
    if (!Array.isArray(o.features)) {
      this.problem('features', `"features" must be an array, but is ${kindOf(o.features)}`);
      return null;
    }
    const features: Feature[] = [];
    o.features.forEach((f, i) => {
      const path = `features[${i}]`;
      if (!isObj(f)) return this.problem(path, `every feature must be an object, not ${kindOf(f)}`);
      if (f.type !== 'Feature') return this.problem(path, `a member of "features" must have "type": "Feature", not ${JSON.stringify(f.type ?? null)}`);
      const out = this.feature(f, path);
      if (out) features.push(out);
    });
    return this.problems.length ? null : { type: 'FeatureCollection', features };
  }

  private feature(o: Obj, path: string): Feature | null {
    const before = this.problems.length;
    this.bbox(o, path);
    this.forbidden(o, path, 'Feature', ['coordinates', 'geometries', 'features']);
    const id = o.id;
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') this.problem(`${path}.id`.replace(/^\./, ''), `a Feature "id" must be a string or a number, not ${kindOf(id)}`);
    if (!('properties' in o)) this.problem(path, '"properties" member required (it may be null)');
    else if (o.properties !== null && !isObj(o.properties)) this.problem(`${path}.properties`.replace(/^\./, ''), `"properties" must be an object or null, but is ${kindOf(o.properties)}`);
    let geometry: Geometry | null = null;
    if (!('geometry' in o)) this.problem(path, '"geometry" member required (it may be null)');
    else if (o.geometry !== null) {
      const gPath = `${path}.geometry`.replace(/^\./, '');
      if (!isObj(o.geometry)) this.problem(gPath, `"geometry" must be a geometry object or null, not ${kindOf(o.geometry)}`);
      else geometry = this.geometry(o.geometry, gPath, false);
    }
    if (this.problems.length > before) return null;
    const feature: Feature = { type: 'Feature', properties: (o.properties ?? null) as Feature['properties'], geometry: geometry as Geometry };
    if (id !== undefined) feature.id = id as string | number;
    return feature;
  }

  private geometry(o: Obj, path: string, inCollection: boolean): Geometry | null {
    const type = this.typeOf(o, path, GEOMETRY_TYPES);
    if (!type) return null;
    const before = this.problems.length;
    this.bbox(o, path);
    this.forbidden(o, path, 'geometry', ['geometry', 'properties', 'features']);
    const at = (s: string) => (path ? `${path}.${s}` : s);
    if (type === 'GeometryCollection') {
      this.forbidden(o, path, 'GeometryCollection', ['coordinates']);
      if (inCollection) {
        this.problem(path, 'nested GeometryCollections are not accepted');
        return null;
      }
      if (!Array.isArray(o.geometries)) {
        this.problem(path, '"geometries" ' + ('geometries' in o ? `must be an array, not ${kindOf(o.geometries)}` : 'member required'));
        return null;
      }
      const geometries: Geometry[] = [];
      o.geometries.forEach((g, i) => {
        if (!isObj(g)) return this.problem(at(`geometries[${i}]`), `the members of a GeometryCollection must be geometry objects, not ${kindOf(g)}`);
        const out = this.geometry(g, at(`geometries[${i}]`), true);
        if (out) geometries.push(out);
      });
      return this.problems.length > before ? null : { type: 'GeometryCollection', geometries };
    }
    this.forbidden(o, path, 'geometry', ['geometries']);
    if (!('coordinates' in o)) {
      this.problem(path, '"coordinates" member required');
      return null;
    }
    const coordinates = this.coordinates(type, o.coordinates, at('coordinates'));
    return this.problems.length > before || coordinates === null ? null : ({ type, coordinates } as Geometry);
  }

  /** Coordinates of a geometry type, checked level by level (no recursion on the data's depth). */
  private coordinates(type: string, c: Json | undefined, path: string): unknown {
    switch (type) {
      case 'Point':
        return this.position(c, path);
      case 'MultiPoint':
        return this.array(c, path, (p, i) => this.position(p, `${path}[${i}]`));
      case 'LineString':
        return this.line(c, path);
      case 'MultiLineString':
        return this.array(c, path, (l, i) => this.line(l, `${path}[${i}]`));
      case 'Polygon':
        return this.polygon(c, path);
      case 'MultiPolygon':
        return this.array(c, path, (p, i) => this.polygon(p, `${path}[${i}]`));
    }
    return null;
  }

  private array<T>(c: Json | undefined, path: string, each: (item: Json, i: number) => T | null): T[] | null {
    if (!Array.isArray(c)) {
      this.problem(path, typeof c === 'number' ? 'a number was found where an array of coordinates should be: it needs to be nested more deeply' : `an array was expected, not ${kindOf(c)}`);
      return null;
    }
    const out: T[] = [];
    for (let i = 0; i < c.length; i++) {
      const v = each(c[i], i);
      if (v === null) return null;
      out.push(v);
    }
    return out;
  }

  private position(c: Json | undefined, path: string): Position | null {
    if (!Array.isArray(c)) {
      this.problem(path, typeof c === 'number' ? 'a number was found where a position (an array of numbers) should be: it needs to be nested more deeply' : `a position must be an array of numbers, not ${kindOf(c)}`);
      return null;
    }
    if (!c.every((x) => typeof x === 'number')) {
      this.problem(path, c.some(Array.isArray) ? 'each element of a position must be a number; an array was found, so the coordinates are nested too deeply' : 'each element of a position must be a number');
      return null;
    }
    if (!c.every((x) => Number.isFinite(x))) {
      this.problem(path, 'a position holds a number too large to be a coordinate');
      return null;
    }
    if (c.length < 2) {
      this.problem(path, 'a position must have 2 or more elements');
      return null;
    }
    if (c.length > 3) {
      this.problem(path, `a position has ${c.length} numbers; only longitude, latitude and an optional height are accepted`);
      return null;
    }
    return (c as number[]).map((x) => {
      const r = Math.round(x * 1e7) / 1e7;
      if (r !== x) this.rounded = true;
      return r;
    });
  }

  private line(c: Json | undefined, path: string): Position[] | null {
    const line = this.array(c, path, (p, i) => this.position(p, `${path}[${i}]`));
    if (line && line.length < 2) {
      this.problem(path, 'a line needs two or more positions');
      return null;
    }
    return line;
  }

  private polygon(c: Json | undefined, path: string): Position[][] | null {
    const rings = this.array(c, path, (r, i) => {
      const at = `${path}[${i}]`;
      const ring = this.array(r, at, (p, j) => this.position(p, `${at}[${j}]`));
      if (!ring) return null;
      if (ring.length < 4) this.problem(at, 'a linear ring needs four or more positions');
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (a && (a.length !== b.length || a.some((x, k) => x !== b[k]))) this.problem(at, 'the first and last positions of a linear ring must be the same');
      return ring.length >= 4 ? ring : null;
    });
    if (!rings) return null;
    rings.forEach((ring, i) => {
      // Exterior counter-clockwise (positive shoelace area), holes clockwise.
      const area = signedArea(ring);
      if ((i === 0 && area < 0) || (i > 0 && area > 0)) {
        ring.reverse();
        this.rewound++;
      }
    });
    return rings;
  }
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}
