// Synthetic village-level industrial parks (村级工业园): 2,705 non-overlapping polygons in the seven
// outer districts, ≈131.6 km² in all, each named after a real village of the town it lies in.
import * as turf from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { BoxGrid, FlatPolygon, growBBox, boxesOverlap, metresToDegLat, metresToDegLon, ringBBox, round6, type BBox } from './geo.ts';
import { HOTSPOTS, VILLAGE_PARKS_PER_DISTRICT, VILLAGE_PARK_TOTAL_KM2 } from './geography.ts';
import type { City, Town, Village } from './city.ts';
import type { Rng } from './rng.ts';
import type { VillageParkProperties } from '../../../src/domain/parks.ts';

/** A synthetic park: the record's fields (domain/parks.ts) the seed reads, with its id and village code. */
export interface VillageParkProps extends Pick<VillageParkProperties,
  'code' | 'name' | 'town' | 'townName' | 'village' | 'areaMu' | 'buildingAreaM2' | 'outputPerMu' | 'taxPerMu' | 'category' | 'progress' | 'pilotYear'> {
  id: number;
  /** A district code (the generator's districts come from the boundary file). */
  district: string;
  villageCode: string;
}

export type VillagePark = Feature<Polygon, VillageParkProps> & { id: number };

const MU_M2 = 666.67;
const GAP_DEG = metresToDegLat(15); // minimum clearance between parks, so rounding can never make them touch
const ORDINALS = ['', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Rectangle-like outline in metres around (0,0), with irregular corners and a small rotation. */
function outline(areaM2: number, rng: Rng): Position[] {
  const aspect = rng.range(0.5, 2);
  const w = Math.sqrt(areaM2 * aspect);
  const h = areaM2 / w;
  const j = () => rng.range(0, 0.08);
  const pts: Position[] = [
    [-w / 2 + j() * w, -h / 2 + j() * h],
    [w / 2 - j() * w, -h / 2 + j() * h],
    [w / 2 - j() * w, h / 2 - j() * h],
  ];
  if (rng.chance(0.4)) pts.push([w / 2 - rng.range(0.2, 0.4) * w, h / 2 - j() * h], [-w / 2 + j() * w, h / 2 - rng.range(0.2, 0.4) * h]);
  else pts.push([-w / 2 + j() * w, h / 2 - j() * h]);
  const a = rng.range(-0.3, 0.3);
  const [c, s] = [Math.cos(a), Math.sin(a)];
  return pts.map(([x, y]) => [x * c - y * s, x * s + y * c]);
}

function toLonLat(shape: Position[], lon: number, lat: number, scale: number): Position[] {
  const ring = shape.map(([x, y]) => [round6(lon + metresToDegLon(x * scale)), round6(lat + metresToDegLat(y * scale))]);
  ring.push([...ring[0]]); // counter-clockwise already: outline() lists corners anticlockwise
  return ring;
}

function targetAreas(n: number, rng: Rng): number[] {
  const raw = Array.from({ length: n }, () => Math.min(450_000, Math.max(4_000, rng.logNormal(36_000, 0.75))));
  const k = (VILLAGE_PARK_TOTAL_KM2 * 1e6) / raw.reduce((s, a) => s + a, 0);
  return raw.map((a) => a * k);
}

/** "米龙村民委员会" → "米龙村", "江村村民委员会" → "江村", "金藤社区居委会" → "金藤社区". */
function villageShortName(v: Village): string {
  const base = v.name.replace(/(村民委员会|村委会|居民委员会|居委会)$/, '');
  return /村民委员会$|村委会$/.test(v.name) && !base.endsWith('村') ? `${base}村` : base;
}

const villageCommittees = (city: City, town: Town) => (city.villagesByTown.get(town.code) ?? []).filter((v) => v.kind === 'village');

export function generateVillageParks(city: City, avoid: BBox[], rng: Rng): VillagePark[] {
  const districtCodes = Object.keys(VILLAGE_PARKS_PER_DISTRICT).sort();
  const total = districtCodes.reduce((s, c) => s + VILLAGE_PARKS_PER_DISTRICT[c], 0);
  const areas = targetAreas(total, rng.fork('areas'));
  const grid = new BoxGrid<BBox>(0.01);
  const usedNames = new Map<string, number>();
  const parks: VillagePark[] = [];
  let next = 0;

  for (const code of districtCodes) {
    const district = city.byCode.get(code);
    if (!district) throw new Error(`district ${code} missing from the boundaries`);
    const spots = HOTSPOTS.filter((h) => h.district === code);
    // Parks are named after village committees, so they only go where a town has some.
    const ruralTowns = district.towns.filter((t) => villageCommittees(city, t).length > 0);
    for (let k = 0; k < VILLAGE_PARKS_PER_DISTRICT[code]; k++) {
      const target = areas[next++];
      for (let attempt = 0; ; attempt++) {
        if (attempt > 5000) throw new Error(`could not place village park ${next} in ${code}`);
        const r = rng.float();
        const [lon, lat] =
          r < 0.35 && spots.length
            ? (() => { const h = rng.weighted(spots, (s) => s.weight); return city.sampleNear(district, h.lon, h.lat, h.sigmaKm * 1.8, rng); })()
            : r < 0.85
              ? (() => { const t = rng.pick(ruralTowns); return city.sampleNear(district, t.lon, t.lat, 3, rng); })()
              : city.sampleUniform(district, rng);
        const shape = outline(target, rng);
        const probe = toLonLat(shape, lon, lat, 1);
        const ring = toLonLat(shape, lon, lat, Math.sqrt(target / turf.area(turf.polygon([probe]))));
        const box = ringBBox(ring);
        const halo = growBBox(box, GAP_DEG, GAP_DEG);
        if (avoid.some((b) => boxesOverlap(halo, b))) continue;
        if (grid.near(halo).some((b) => boxesOverlap(halo, b))) continue;
        const town = city.townAt(district, lon, lat);
        const villages = villageCommittees(city, town);
        if (!villages.length) continue;
        if (!district.shape.containsRing(ring, metresToDegLat(20))) continue;
        grid.insert(box, box);
        const village = rng.pick(villages);
        const base = `${villageShortName(village)}工业园`;
        const n = usedNames.get(base) ?? 0;
        usedNames.set(base, n + 1);
        const name = n === 0 ? base : `${base}${ORDINALS[n] ?? String(n + 1)}区`;
        const areaMu = turf.area(turf.polygon([ring])) / MU_M2;
        const id = parks.length + 1;
        parks.push({
          type: 'Feature',
          id,
          properties: {
            id,
            code: `VP${code}${String(k + 1).padStart(4, '0')}`,
            name,
            district: code,
            town: town.code,
            townName: town.name,
            village: villageShortName(village),
            villageCode: village.code,
            areaMu: Math.round(areaMu * 10) / 10,
            buildingAreaM2: Math.round(areaMu * MU_M2 * rng.range(0.6, 1.6)),
            outputPerMu: 0,
            taxPerMu: 0,
            category: 'unclassified',
            progress: 'not_started',
            pilotYear: null,
          },
          geometry: { type: 'Polygon', coordinates: [ring] },
        });
        break;
      }
    }
  }
  assignStatus(parks, rng.fork('status'));
  return parks;
}

/** Efficiency and renovation status; pilots are drawn from the least efficient parks being upgraded. */
function assignStatus(parks: VillagePark[], rng: Rng): void {
  for (const p of parks) {
    const r = rng.float();
    const category = r < 0.22 ? 'unclassified' : r < 0.37 ? 'eliminate' : r < 0.58 ? 'convert' : 'upgrade';
    const factor = category === 'eliminate' ? 0.45 : category === 'upgrade' ? 0.9 : 1;
    p.properties.category = category;
    p.properties.outputPerMu = Math.round(rng.logNormal(450_000 * factor, 0.6) / 100) * 100;
    p.properties.taxPerMu = Math.round(rng.logNormal(24_000 * factor, 0.7) / 10) * 10;
    const q = rng.float();
    p.properties.progress = category === 'unclassified' ? 'not_started' : q < 0.4 ? 'not_started' : q < 0.8 ? 'in_progress' : 'completed';
  }
  const candidates = parks.filter((p) => p.properties.category === 'upgrade').sort((a, b) => a.properties.outputPerMu - b.properties.outputPerMu || a.id - b.id);
  const pool = candidates.slice(0, Math.ceil(candidates.length * 0.3));
  for (const year of [2019, 2020, 2021]) {
    for (let i = 0; i < 20; i++) {
      const p = pool.splice(rng.int(0, pool.length - 1), 1)[0];
      p.properties.pilotYear = year;
      const q = rng.float();
      const done = year === 2019 ? 0.7 : year === 2020 ? 0.4 : 0.1;
      p.properties.progress = q < done ? 'completed' : 'in_progress';
    }
  }
}

export function parkShapes(parks: VillagePark[]): { park: VillagePark; shape: FlatPolygon }[] {
  return parks.map((park) => ({ park, shape: new FlatPolygon(park.geometry) }));
}
