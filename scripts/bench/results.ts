// bench/results.md: one `## <title>` section per benchmark, replaced in place on each run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { MachineFacts } from './types.ts';

export const RESULTS_FILE = 'bench/results.md';

const HEADER = `# Benchmark results

Written by \`npm run bench\` (scripts/bench/run-all.ts): one section per benchmark, replaced each time it runs.
Bars are those of docs/architecture.md §9.
`;

export function machineFacts(): MachineFacts {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function describeMachine(m: MachineFacts): string {
  return `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}, load ${m.loadAverage}`;
}

/** Replaces (or appends) the section `## title` of the results file. */
export function writeSection(title: string, body: string, file = RESULTS_FILE): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const heading = `## ${title}`;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  const section = [heading, '', ...body.trim().split('\n'), ''];
  let out: string[];
  if (start < 0) {
    out = [...lines];
    while (out.length && out[out.length - 1].trim() === '') out.pop();
    out.push('', ...section);
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end < 0) end = lines.length;
    out = [...lines.slice(0, start), ...section, ...lines.slice(end)];
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`);
}

/** Percentile (nearest rank) of ascending-sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
