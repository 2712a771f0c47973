// The WGS84 / GCJ-02 / BD-09 pairs of 664 Chinese cities (hujiulong/gcoord's test data) through our
// conversion to WGS84: within 1 m of the published WGS84 position.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distance } from '@turf/turf';
import { toWgs84 } from '../../src/domain/import/coordinates.ts';

const FILE = path.resolve('..', 'shared', 'corpora', 'gcoord-china-cities', 'china-cities.json');
interface City { attrs: { name: string }; coords: { WGS84: [number, number]; GCJ02: [number, number]; BD09: [number, number] } }

describe.skipIf(!existsSync(FILE))('gcoord China cities', () => {
  if (!existsSync(FILE)) console.log(`skipped: ${FILE} not found (the shared corpora sit beside the project in CI)`);
  const cities: City[] = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : [];

  it('has the cities', () => expect(cities.length).toBeGreaterThanOrEqual(600));

  it.each([['gcj02', 'GCJ02'], ['bd09', 'BD09']] as const)('%s → WGS84 within 1 m for every city', (crs, key) => {
    const far: string[] = [];
    let worst = 0;
    for (const c of cities) {
      const m = distance(toWgs84(...c.coords[key], crs), c.coords.WGS84, { units: 'meters' });
      worst = Math.max(worst, m);
      if (!(m < 1)) far.push(`${c.attrs.name}: ${m.toFixed(3)} m`);
    }
    expect(far).toEqual([]);
    expect(worst).toBeLessThan(1);
  });

  it('wgs84 and cgcs2000 are taken as they are', () => {
    for (const c of cities.slice(0, 20)) {
      expect(distance(toWgs84(...c.coords.WGS84, 'wgs84'), c.coords.WGS84, { units: 'meters' })).toBeLessThan(0.01);
      expect(distance(toWgs84(...c.coords.WGS84, 'cgcs2000'), c.coords.WGS84, { units: 'meters' })).toBeLessThan(0.01);
    }
  });
});
