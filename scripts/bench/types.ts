// The contract between `npm run bench` (run-all.ts) and one benchmark module.

export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: the numbers mean little on a busy machine. */
  loadAverage: number;
}

export interface BenchContext {
  /** `--key=value` options from the command line (`--quick` → quick=true). */
  options: Record<string, string>;
  machine: MachineFacts;
  /** Today (UTC), YYYY-MM-DD. */
  date: string;
  log: (line: string) => void;
}

export interface BenchResult {
  /** Markdown for this benchmark's section of bench/results.md (without the `## title` line). */
  markdown: string;
  /** true when every measured figure meets its bar (docs/architecture.md §9). */
  pass: boolean;
}

export interface Benchmark {
  /** Short name to pick it on the command line: `npm run bench -- status-edits`. */
  name: string;
  /** Its section heading in bench/results.md (the section is replaced on each run). */
  title: string;
  run: (ctx: BenchContext) => Promise<BenchResult>;
}
