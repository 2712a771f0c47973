// `npm test`: typecheck, lint, then every vitest suite (unit, API, browser), and a plain closing
// line "N passed, N failed" that CI reads (vitest's own summary is not in that form).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

const bin = (name: string) => `node_modules/.bin/${name}`;
let passed = 0;
let failed = 0;
let skipped = 0;

function step(name: string, cmd: string, args: string[]): boolean {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '✔' : '✘'} ${name}`);
  return ok;
}

// The browser tests and the report renderer need Debian's chromium, CJK fonts and poppler-utils:
// install them the way CI does (.ci/run --packages-only: root and apt-get), so that `npm test` on a
// fresh machine runs everything. Where that is impossible the browser suites skip with their reason.
if (!process.env.CHROMIUM_PATH && (!existsSync('/usr/bin/chromium') || !existsSync('/usr/bin/pdftoppm'))) {
  console.log('\n▶ installing chromium, fonts-noto-cjk and poppler-utils for the browser and report tests (.ci/run --packages-only)');
  const r = spawnSync('bash', ['.ci/run', '--packages-only'], { stdio: 'inherit' });
  if (r.status !== 0) console.log('  could not install them here (needs root and apt-get): the browser and PDF tests will say they are skipped and why');
}

step('typecheck', bin('tsc'), ['--noEmit']);
step('lint', bin('eslint'), ['.', '--max-warnings=0']);

mkdirSync('var', { recursive: true });
const report = 'var/vitest-report.json';
console.log('\n▶ vitest');
const extra = process.argv.slice(2);
const r = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], { stdio: 'inherit' });
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
  passed += j.numPassedTests;
  failed += j.numFailedTests;
  skipped += j.numPendingTests + j.numTodoTests;
  // A suite that fails to load has no failed tests of its own; count it so the line cannot lie.
  if (j.numFailedTestSuites > 0 && j.numFailedTests === 0) failed += j.numFailedTestSuites;
} else failed++;
if (r.status !== 0 && failed === 0) failed++;

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
