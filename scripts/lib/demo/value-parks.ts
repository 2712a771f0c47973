// Synthetic outlines and six-element profiles for the ten value-innovation parks (价值创新园区).
// Names and themes follow the plan's list of themes; outlines are invented and labelled demo.
import * as turf from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { FlatPolygon, metresToDegLat, metresToDegLon, round6 } from './geo.ts';
import { VALUE_PARKS, type ValueParkPlan } from './geography.ts';
import type { City } from './city.ts';
import type { Rng } from './rng.ts';
import { taxonomy, type ValueParkElementCode } from '../../../src/domain/taxonomy.ts';
import type { ValueParkElement as ElementEntity, ValueParkProperties } from '../../../src/domain/parks.ts';

/** The six elements in the taxonomy's order (the generator draws them in this order). */
export const ELEMENT_CODES: readonly ValueParkElementCode[] = taxonomy.valueParkElements.map((e) => e.code);

export interface ValueParkElement extends ElementEntity {
  code: ValueParkElementCode;
}

/** A synthetic value park: the record's fields (domain/parks.ts) the seed reads, with its id. */
export interface ValueParkProps extends Pick<ValueParkProperties, 'code' | 'name' | 'nameZhHant' | 'nameEn' | 'theme' | 'areaKm2' | 'enterpriseCount'> {
  id: number;
  /** A district code (the generator's districts come from the boundary file). */
  district: string;
  elements: ValueParkElement[];
}

export type ValuePark = Feature<Polygon, ValueParkProps> & { id: number };

/** A smooth irregular blob of about `areaKm2`, as a closed counter-clockwise ring. */
function blob(plan: ValueParkPlan, scale: number, rng: Rng): Position[] {
  const r = Math.sqrt((plan.areaKm2 * 1e6) / Math.PI) * scale;
  const phases = [rng.range(0, 6.28), rng.range(0, 6.28), rng.range(0, 6.28)];
  const ring: Position[] = [];
  for (let i = 0; i < 32; i++) {
    const a = (i / 32) * 2 * Math.PI;
    const k = 1 + 0.12 * Math.sin(2 * a + phases[0]) + 0.08 * Math.sin(3 * a + phases[1]) + 0.05 * Math.sin(5 * a + phases[2]);
    ring.push([round6(plan.lon + metresToDegLon(r * k * Math.cos(a))), round6(plan.lat + metresToDegLat(r * k * Math.sin(a)))]);
  }
  ring.push([...ring[0]]);
  return ring;
}

const ELEMENT_NOTES: Record<ValueParkElement['code'], (p: ValueParkPlan, rng: Rng) => string> = {
  'industry-leader': () => '龙头企业待认定',
  'industry-chain': (p) => `主导产业链：${p.name['zh-Hans'].replace(/价值创新园$/, '')}`,
  'innovation-centre': () => '产业创新中心（示例）',
  'industry-fund': (_p, rng) => `产业基金 ${rng.int(5, 60)} 亿元（示例）`,
  'service-platform': () => '公共技术与检测服务平台（示例）',
  'industrial-community': (_p, rng) => `产业社区：人才公寓 ${rng.int(3, 40) * 100} 套（示例）`,
};

export function generateValueParks(city: City, rng: Rng): ValuePark[] {
  return VALUE_PARKS.map((plan, i) => {
    const district = city.byCode.get(plan.district);
    if (!district) throw new Error(`district ${plan.district} missing`);
    let ring = blob(plan, 1, rng);
    // Shrink until the whole outline lies inside its district (some centres sit near a border).
    for (let s = 0.9; !district.shape.containsRing(ring, metresToDegLat(30)); s *= 0.9) {
      if (s < 0.2) throw new Error(`value park ${plan.code} does not fit in ${plan.district}`);
      ring = blob(plan, s, rng);
    }
    const id = i + 1;
    return {
      type: 'Feature',
      id,
      properties: {
        id,
        code: plan.code,
        name: plan.name['zh-Hans'],
        nameZhHant: plan.name['zh-Hant'],
        nameEn: plan.name.en,
        district: plan.district,
        theme: plan.theme,
        areaKm2: Math.round(turf.area(turf.polygon([ring])) / 1e4) / 100,
        elements: ELEMENT_CODES.map((code) => ({ code, present: code === 'industry-chain' || rng.chance(0.75), note: ELEMENT_NOTES[code](plan, rng) })),
        enterpriseCount: 0,
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });
}

export const valueParkShapes = (parks: ValuePark[]) => parks.map((park) => ({ park, shape: new FlatPolygon(park.geometry) }));
