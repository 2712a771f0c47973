// The city the demo data is placed in: real district polygons plus real town/street names.
// Public town boundaries are not available, so each district is split among its towns by nearest
// seed point (a Voronoi partition with seeds drawn inside the district); data/README.md says so.
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { FlatPolygon, metresToDegLat, metresToDegLon } from './geo.ts';
import type { Rng } from './rng.ts';

export interface Town {
  code: string;
  name: string;
  district: string;
  kind: string;
  lon: number;
  lat: number;
}

export interface Village {
  code: string;
  name: string;
  town: string;
  district: string;
  kind: string;
}

export interface District {
  code: string;
  name: string;
  shape: FlatPolygon;
  towns: Town[];
}

export class City {
  readonly districts: District[];
  readonly byCode: Map<string, District>;
  readonly villagesByTown: Map<string, Village[]>;

  constructor(boundaries: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>, towns: Omit<Town, 'lon' | 'lat'>[], villages: Village[], rng: Rng) {
    this.districts = boundaries.features.map((f) => ({ code: f.properties.code, name: f.properties.name, shape: new FlatPolygon(f.geometry), towns: [] }));
    this.byCode = new Map(this.districts.map((d) => [d.code, d]));
    for (const t of towns) {
      const d = this.byCode.get(t.district);
      if (!d) continue;
      const [lon, lat] = this.sampleUniform(d, rng);
      d.towns.push({ ...t, lon, lat });
    }
    this.villagesByTown = new Map();
    for (const v of villages) {
      const list = this.villagesByTown.get(v.town);
      if (list) list.push(v);
      else this.villagesByTown.set(v.town, [v]);
    }
  }

  static load(rng: Rng, dir = 'data'): City {
    const read = (p: string) => JSON.parse(readFileSync(`${dir}/${p}`, 'utf8'));
    return new City(read('boundaries/guangzhou-districts.geojson'), read('divisions/guangzhou-towns.json'), read('divisions/guangzhou-villages.json'), rng);
  }

  sampleUniform(d: District, rng: Rng): [number, number] {
    const b = d.shape.bbox;
    for (;;) {
      const x = rng.range(b.minX, b.maxX);
      const y = rng.range(b.minY, b.maxY);
      if (d.shape.contains(x, y)) return [x, y];
    }
  }

  /** A point near (lon, lat) with a normal spread, inside `d`; falls back to uniform after many misses. */
  sampleNear(d: District, lon: number, lat: number, sigmaKm: number, rng: Rng): [number, number] {
    for (let i = 0; i < 50; i++) {
      const x = lon + metresToDegLon(rng.normal() * sigmaKm * 1000);
      const y = lat + metresToDegLat(rng.normal() * sigmaKm * 1000);
      if (d.shape.contains(x, y)) return [x, y];
    }
    return this.sampleUniform(d, rng);
  }

  districtAt(x: number, y: number): District | undefined {
    return this.districts.find((d) => d.shape.contains(x, y));
  }

  townAt(d: District, x: number, y: number): Town {
    const kx = Math.cos((y * Math.PI) / 180);
    let best = d.towns[0];
    let bestD = Infinity;
    for (const t of d.towns) {
      const dd = ((t.lon - x) * kx) ** 2 + (t.lat - y) ** 2;
      if (dd < bestD) [best, bestD] = [t, dd];
    }
    return best;
  }
}
