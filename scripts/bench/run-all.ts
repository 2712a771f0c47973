// `npm run bench [-- <name>…] [--key=value…]`: runs the benchmarks (all, or those named), prints
// their figures and writes each one's section of bench/results.md. Benchmarks are separate modules
// implementing `Benchmark` (types.ts); add new ones to the list below. They are not part of `npm test`.
import { mapEnterprises } from './map-enterprises.ts';
import { RESULTS_FILE, describeMachine, machineFacts, writeSection } from './results.ts';
import { statusEdits } from './status-edits.ts';
import { exportsBench } from './exports.ts';
import { spatialSelection } from './spatial-selection.ts';
import { indicatorsBench } from './indicators.ts';
import { dashboardBench } from './dashboard.ts';
import { reportsBench } from './reports.ts';
import type { Benchmark } from './types.ts';

const BENCHMARKS: Benchmark[] = [statusEdits, mapEnterprises, spatialSelection, exportsBench, indicatorsBench, dashboardBench, reportsBench];

const options: Record<string, string> = {};
const names: string[] = [];
for (const a of process.argv.slice(2)) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
  if (m) options[m[1]] = m[2] ?? 'true';
  else names.push(a);
}
const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
const machine = machineFacts();
const date = new Date().toISOString().slice(0, 10);
console.log(`machine: ${describeMachine(machine)}`);

let failed = false;
for (const b of selected) {
  console.log(`\n▶ ${b.title} (${b.name})`);
  try {
    const result = await b.run({ options, machine, date, log: (l) => console.log(`  ${l}`) });
    writeSection(b.title, result.markdown);
    console.log(`${result.pass ? '✔' : '✘'} ${b.title}: ${result.pass ? 'meets' : 'misses'} its bar — written to ${RESULTS_FILE}`);
  } catch (err) {
    failed = true;
    console.error(`✘ ${b.title} could not run:`, err);
  }
}
process.exit(failed ? 1 : 0);
