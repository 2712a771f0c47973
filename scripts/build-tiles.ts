// `npm run tiles [-- --in-dir DIR --out-dir DIR]`: builds public/tiles/{districts,village-parks,value-parks}.pmtiles
// from data/boundaries/ and data/generated/ (see src/server/tiles/tiles-pipeline.ts).
import { parseArgs } from 'node:util';
import { buildTiles } from '../src/server/tiles/tiles-pipeline.ts';

const { values } = parseArgs({
  options: {
    'in-dir': { type: 'string', default: 'data' },
    'out-dir': { type: 'string', default: 'public/tiles' },
  },
});

try {
  const reports = buildTiles({ inDir: values['in-dir'], outDir: values['out-dir'], log: (line) => console.log(line) });
  const total = reports.reduce((n, r) => n + r.bytes, 0);
  console.log(`wrote ${reports.length} archives, ${(total / 1024).toFixed(1)} KiB in all`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
