// npm run data -- [--enterprises N] [--seed S] [--out DIR]
// Writes synthetic demo data (clearly marked as such) to data/generated/.
import { parseArgs } from 'node:util';
import { generateDemoData } from './lib/demo/generate.ts';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '10000' },
    'no-figures': { type: 'boolean', default: false },
    seed: { type: 'string', default: 'guangzhou-2021' },
    out: { type: 'string', default: 'data/generated' },
  },
});
const count = Number(values.enterprises);
if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
  console.error(`--enterprises must be a whole number from 0 to 1000000 (got "${values.enterprises}")`);
  process.exit(2);
}
const started = Date.now();
let lastReport = 0;
const summary = generateDemoData({
  seed: values.seed,
  enterprises: count,
  outDir: values.out,
  figures: !values['no-figures'],
  onProgress: (done, total) => {
    if (Date.now() - lastReport > 1000 || done === total) {
      lastReport = Date.now();
      process.stdout.write(`\renterprises ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
    }
  },
});
process.stdout.write('\n');
console.log(`demo data (seed "${values.seed}"): ${summary.enterprises} enterprises, ${summary.villageParks} village parks, ${summary.valueParks} value-innovation parks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const f of summary.files) console.log(`  ${f}`);
