// Synthetic enterprise library (企业库): firms with revenue ≥ 10 million yuan, placed by cluster
// geography, streamed to NDJSON so a million of them fit in bounded memory.
import { makeCreditCode } from '../../../src/domain/credit-code.ts';
import { taxonomy } from '../../../src/domain/taxonomy.ts';
import type { Enterprise as EnterpriseEntity } from '../../../src/domain/enterprise.ts';
import { BoxGrid, round6, type FlatPolygon } from './geo.ts';
import { CLUSTER_WEIGHTS, DISTRICT_WEIGHTS, HOTSPOTS } from './geography.ts';
import { IndustryPicker } from './industry.ts';
import { enterpriseName, parkAddress, streetAddress } from './names.ts';
import type { City, District } from './city.ts';
import type { Rng } from './rng.ts';
import type { VillagePark } from './village-parks.ts';
import type { ValuePark } from './value-parks.ts';

/**
 * A synthetic enterprise: the record (domain/enterprise.ts) without what the database adds (the
 * class's name, the demo flag); every demo firm reports its employees.
 */
export interface Enterprise extends Omit<EnterpriseEntity, 'industryName' | 'demo' | 'employees' | 'district'> {
  employees: number;
  /** A district code (the generator's districts come from the boundary file). */
  district: string;
}

interface Shaped<T> {
  park: T;
  shape: FlatPolygon;
}

export const ABOVE_SCALE_YUAN = 20_000_000; // 规模以上工业企业: main-business revenue ≥ 20 million yuan
const REVENUE_SCALE: Record<string, number> = { auto: 1.6, display: 1.4, materials: 1.1, consumer: 1, equipment: 1.2, biomed: 1.1, other: 1 };
const INNOVATIVE = new Set(['display', 'biomed', 'equipment']);
const TAG_ORDER = taxonomy.enterpriseTags.map((t) => t.code as string);

export class EnterpriseFactory {
  private readonly clusters = taxonomy.clusters.map((c) => ({ code: c.code, subs: c.subIndustries.map((s) => s.code) }));
  private readonly futures = taxonomy.futureIndustries.map((f) => f.code);
  private readonly districts: District[];
  private readonly parkGrid = new BoxGrid<Shaped<VillagePark>>(0.01);
  private readonly industries = new IndustryPicker();

  constructor(
    private readonly city: City,
    private readonly villageParks: Shaped<VillagePark>[],
    private readonly valueParks: Shaped<ValuePark>[],
  ) {
    for (const p of villageParks) this.parkGrid.insert(p.shape.bbox, p);
    this.districts = city.districts;
  }

  make(id: number, rng: Rng): Enterprise {
    const cluster = rng.weighted(this.clusters, (c) => CLUSTER_WEIGHTS[c.code] ?? 0.1);
    const sub = rng.pick(cluster.subs);
    const industry = this.industries.pick(cluster.code, sub, rng);
    // Round before any lookup, so district and park membership hold for the published coordinates.
    // Rounding can move a point sampled right at a district border outside every district (one in
    // about a million): place it again. Runs that never hit this draw exactly what they drew before.
    let [lon, lat] = this.place(cluster.code, sub, rng).map(round6);
    let district = this.city.districtAt(lon, lat);
    for (let tries = 0; !district && tries < 100; tries++) {
      [lon, lat] = this.place(cluster.code, sub, rng).map(round6);
      district = this.city.districtAt(lon, lat);
    }
    if (!district) throw new Error(`enterprise ${id} fell outside every district`);
    const town = this.city.townAt(district, lon, lat);
    const villagePark = this.parkGrid.at(lon, lat).find((p) => p.shape.contains(lon, lat))?.park ?? null;
    const valuePark = this.valueParks.find((p) => p.shape.contains(lon, lat))?.park ?? null;

    // Pareto-like revenue: most firms sit just above the library threshold, a few are very large.
    const pareto = Math.pow(1 - rng.float(), -1 / 1.1);
    const revenue = Math.min(6e11, Math.round((1e7 * REVENUE_SCALE[cluster.code] * pareto) / 1e4) * 1e4);
    const tags = this.tags(cluster.code, revenue, rng);
    return {
      id,
      name: enterpriseName(cluster.code, sub, rng, industry?.division),
      creditCode: makeCreditCode(district.code, String((id * 7_919_993 + 10_000_019) % 100_000_000).padStart(8, '0')),
      cluster: cluster.code,
      subIndustry: sub,
      industryCode: industry?.code ?? null,
      futureIndustry: rng.chance(0.05) ? rng.pick(this.futures) : null,
      tags,
      revenue,
      employees: Math.max(8, Math.round(revenue / rng.logNormal(1_200_000, 0.5))),
      district: district.code,
      town: town.code,
      address: villagePark ? parkAddress(district.name, town.name, villagePark.properties.name, rng) : streetAddress(district.name, town.name, rng),
      lon,
      lat,
      villageParkId: villagePark?.id ?? null,
      valueParkId: valuePark?.id ?? null,
    };
  }

  /** The scale tags follow revenue; after the operating figures set the library revenue, they are set again. */
  static scaleTags(tags: string[], revenue: number): string[] {
    const set = new Set(tags.filter((t) => t !== 'above-scale' && t !== 'small-to-above'));
    if (revenue >= ABOVE_SCALE_YUAN) set.add('above-scale');
    else if (tags.includes('small-to-above') || tags.includes('above-scale')) set.add('small-to-above');
    return TAG_ORDER.filter((t) => set.has(t));
  }

  private tags(cluster: string, revenue: number, rng: Rng): string[] {
    const k = INNOVATIVE.has(cluster) ? 1.5 : 1;
    const tags: string[] = [];
    if (revenue >= 2e9 || (revenue >= 5e8 && rng.chance(0.6))) tags.push('backbone');
    if (rng.chance(0.05 * k)) tags.push('two-high-four-new');
    if (revenue < ABOVE_SCALE_YUAN && rng.chance(0.25)) tags.push('small-to-above');
    const srdi = revenue < 1e9 && rng.chance(0.07 * k);
    if (srdi) tags.push('srdi');
    if (rng.chance(0.012 * k)) tags.push('hidden-champion');
    const single = revenue >= 2e8 && rng.chance(0.05);
    if (single) tags.push('single-champion');
    if (rng.chance(0.22 * k)) tags.push('high-tech');
    if (revenue >= ABOVE_SCALE_YUAN) tags.push('above-scale');
    if (revenue >= 1e9 || single || (srdi && rng.chance(0.2))) tags.push('key-enterprise');
    return tags;
  }

  private place(cluster: string, sub: string, rng: Rng): [number, number] {
    const r = rng.float();
    if (r < 0.18) {
      const p = rng.weighted(this.villageParks, (v) => v.park.properties.areaMu);
      return this.insideShape(p.shape, rng);
    }
    if (r < 0.26) {
      const themed = this.valueParks.filter((v) => v.park.properties.theme === cluster);
      if (themed.length) return this.insideShape(rng.pick(themed).shape, rng);
    }
    if (r < 0.76) {
      const subSpots = HOTSPOTS.filter((h) => h.cluster === cluster && h.sub === sub);
      const spots = subSpots.length ? subSpots : HOTSPOTS.filter((h) => h.cluster === cluster && !h.sub);
      if (spots.length) {
        const h = rng.weighted(spots, (s) => s.weight);
        const d = this.city.byCode.get(h.district);
        if (d) return this.city.sampleNear(d, h.lon, h.lat, h.sigmaKm, rng);
      }
    }
    const d = rng.weighted(this.districts, (x) => DISTRICT_WEIGHTS[x.code] ?? 1);
    const t = rng.pick(d.towns);
    return this.city.sampleNear(d, t.lon, t.lat, 2.5, rng);
  }

  private insideShape(shape: FlatPolygon, rng: Rng): [number, number] {
    const b = shape.bbox;
    for (;;) {
      const x = rng.range(b.minX, b.maxX);
      const y = rng.range(b.minY, b.maxY);
      if (shape.contains(x, y)) return [x, y];
    }
  }
}
