// `npm run import -- --kind enterprises|parks|districts|operating|cityIndicators|industrialBlocks|keyProjects|zones --file PATH [--crs wgs84|cgcs2000|gcj02|bd09]
//   [--encoding auto|utf-8|gbk] [--mapping mapping.json | --mapping-name NAME] [--units 万元 | --revenue-unit 万元 | --investment-unit 亿元]
//   [--cumulative | --monthly] [--dry-run] [--user NAME]`
// Scripted loads: the same dry run and all-or-nothing apply as POST /api/imports, on the database the
// server uses (DATABASE_URL, or the embedded one under var/db: stop the server first, since the
// embedded database serves one process at a time). Prints the report; exits 1 when nothing was
// applied because of errors in the file, 2 on bad arguments.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseUnitChoice } from '../src/domain/import/column-mapping.ts';
import { IMPORT_KINDS, SOURCE_CRSES, type ColumnMapping, type ColumnUnits, type ImportKind, type SourceCrs } from '../src/domain/import/import-types.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrations.ts';
import { openDatabase } from '../src/server/db/open-database.ts';
import { isSeeded, seedDatabase } from '../src/server/db/seed.ts';
import { applyImport } from '../src/server/imports/apply-import.ts';
import { dryRunImport } from '../src/server/imports/dry-run.ts';
import { listMappings } from '../src/server/imports/import-store.ts';

const USAGE = 'usage: npm run import -- --kind enterprises|parks|districts|operating|cityIndicators|industrialBlocks|keyProjects|zones --file PATH [--crs wgs84|cgcs2000|gcj02|bd09] [--encoding auto|utf-8|gbk] '
  + '[--mapping FILE.json | --mapping-name NAME] [--units 万元 | --units revenue=万元,profit=元 | --revenue-unit 万元 | --investment-unit 亿元] [--cumulative | --monthly] [--dry-run] [--user NAME]';
const FLAGS = ['dry-run', 'cumulative', 'monthly'];

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const args: Record<string, string> = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
  if (!m) fail(`unexpected argument "${argv[i]}"\n${USAGE}`);
  if (m[2] !== undefined) args[m[1]] = m[2];
  else if (FLAGS.includes(m[1])) args[m[1]] = 'true';
  else args[m[1]] = argv[++i] ?? fail(`--${m[1]} needs a value\n${USAGE}`);
}
const kind = args.kind as ImportKind;
if (!IMPORT_KINDS.includes(kind)) fail(`--kind must be one of ${IMPORT_KINDS.join(', ')}\n${USAGE}`);
if (!args.file || !existsSync(args.file)) fail(`--file must name an existing file\n${USAGE}`);
const crs = (args.crs ?? 'wgs84') as SourceCrs;
if (!SOURCE_CRSES.includes(crs)) fail(`--crs must be one of ${SOURCE_CRSES.join(', ')}`);
const encoding = (args.encoding ?? 'auto') as 'auto' | 'utf-8' | 'gbk';
if (!['auto', 'utf-8', 'gbk'].includes(encoding)) fail('--encoding must be auto, utf-8 or gbk');
let units: ColumnUnits | undefined;
try {
  if (args.units) units = parseUnitChoice(kind, args.units);
  if (args['revenue-unit']) units = { ...units, ...parseUnitChoice(kind, { revenue: args['revenue-unit'] }) };
  // Key projects: the unit of a 总投资 column whose header does not say it (万元 or 亿元).
  if (args['investment-unit']) units = { ...units, ...parseUnitChoice(kind, { investment: args['investment-unit'] }) };
} catch (err) {
  fail(`--units: ${(err as Error).message}`);
}
if (args.cumulative && args.monthly) fail('--cumulative and --monthly exclude each other');
const cumulative = args.cumulative ? true : args.monthly ? false : undefined;

const config = loadConfig();
const db = await openDatabase(config);
try {
  await migrate(db);
  if (!(await isSeeded(db))) await seedDatabase(db, config.dataDir, (l) => console.log(l));
  let mapping: ColumnMapping | undefined;
  if (args.mapping) mapping = JSON.parse(readFileSync(args.mapping, 'utf8')) as ColumnMapping;
  if (args['mapping-name']) {
    mapping = (await listMappings(db, kind)).find((m) => m.name === args['mapping-name'])?.mapping;
    if (!mapping) fail(`no saved ${kind} mapping is called "${args['mapping-name']}"`);
  }
  const user = { id: null, username: args.user ?? `cli:${process.env.USER ?? 'operator'}` };
  const bytes = new Uint8Array(readFileSync(args.file));
  const report = await dryRunImport(db, { bytes, fileName: basename(args.file), kind, crs, encoding, mapping, units, cumulative, user });
  console.log(`import ${report.id}: ${report.fileName} (${report.format}${report.encoding ? `, ${report.encoding}` : ''}, ${report.crs})`);
  console.log(`mapping: ${Object.entries(report.mapping).map(([k, v]) => `${k} ← ${v}`).join(', ')}`);
  if (Object.keys(report.units).length) console.log(`units: ${Object.entries(report.units).map(([k, v]) => `${k} × ${v}`).join(', ')}`);
  if (report.cumulative !== undefined) console.log(`figures: ${report.cumulative ? 'cumulative from January (turned into months)' : 'for the month alone'}`);
  console.log(`rows ${report.counts.total}: ${report.counts.valid} valid, ${report.counts.rejected} rejected; ${report.counts.warnings} warnings`);
  for (const issue of report.issues.slice(0, 50)) console.log(`  row ${issue.row} ${issue.severity}: ${issue.message}`);
  if (report.issues.length > 50) console.log(`  … and ${report.issues.length - 50} more (GET /api/imports/${report.id})`);
  if (args['dry-run']) {
    console.log('dry run: nothing applied');
  } else if (!report.counts.valid) {
    fail('nothing to apply: no valid rows', 1);
  } else {
    const result = await applyImport(db, report.id, user, {
      // The data is committed either way: say so, and exit 1 so a script notices.
      onTilesError: (err) => {
        console.error(`map tiles not rebuilt: ${(err as Error).message}; the server rebuilds them at its next start`);
        process.exitCode = 1;
      },
    });
    console.log(`applied: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected`);
    // Parks and districts: the apply step rebuilt the map tiles into the database, where every server process finds them.
    if (result.tilesRebuilt) console.log('map tiles rebuilt (stored in the database)');
  }
} catch (err) {
  fail(`import failed: ${(err as Error).message}`, 1);
} finally {
  await db.close();
}
