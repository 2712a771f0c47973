// Orchestrates the demo data: value-innovation parks, village parks, then enterprises (streamed).
// Everything derives from the seed; no clock or environment value enters the output, so the same
// seed and count give byte-identical files.
import { closeSync, mkdirSync, openSync, readSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { City } from './city.ts';
import { EnterpriseFactory, type Enterprise } from './enterprises.ts';
import { Calibration, FIRST_YEAR, LAST_YEAR, REFERENCE_LIBRARY } from './figures.ts';
import { ringBBox } from './geo.ts';
import { Rng } from './rng.ts';
import { generateValueParks, valueParkShapes, type ValuePark } from './value-parks.ts';
import { generateVillageParks, parkShapes, type VillagePark } from './village-parks.ts';

export const GENERATOR_VERSION = 4;
/** The date the synthetic data pretends to describe; fixed so output does not depend on the clock. */
export const DEMO_DATA_DATE = '2021-12-31';
export const DEMO_NOTICE = {
  'zh-Hans': '演示数据：企业、园区及其属性均为程序生成的虚构数据，仅区界与镇街、村名称来自公开数据。',
  'zh-Hant': '演示數據：企業、園區及其屬性均為程式生成的虛構數據，僅區界與鎮街、村名稱來自公開數據。',
  en: 'Demo data: enterprises, parks and their attributes are synthetic; only district boundaries and town/village names come from public data.',
};

export interface GenerateOptions {
  seed: string;
  enterprises: number;
  outDir: string;
  dataDir?: string;
  /** Monthly operating figures (figures.ndjson, about 2.6 KB per enterprise); default true. */
  figures?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  enterprises: number;
  villageParks: number;
  valueParks: number;
  files: string[];
}

function writeCollection(path: string, kind: string, features: (VillagePark | ValuePark)[], opts: GenerateOptions): void {
  const header = { type: 'FeatureCollection', demo: true, notice: DEMO_NOTICE, kind, seed: opts.seed, dataDate: DEMO_DATA_DATE, generatorVersion: GENERATOR_VERSION };
  const head = JSON.stringify(header).slice(0, -1);
  writeFileSync(path, `${head},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`);
}

/**
 * The anchor point of every town, full precision: the seed the synthetic town partition grows from
 * (City.townAt). The database keeps them (towns.anchor) so imported records get the same town.
 */
function townAnchors(city: City): Record<string, [number, number]> {
  const towns = city.districts.flatMap((d) => d.towns).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return Object.fromEntries(towns.map((t) => [t.code, [t.lon, t.lat]]));
}

export function generateDemoData(opts: GenerateOptions): GenerateSummary {
  if (!Number.isInteger(opts.enterprises) || opts.enterprises < 0 || opts.enterprises > 1_000_000)
    throw new Error('enterprises must be an integer between 0 and 1,000,000');
  const root = new Rng(`industrial-gis:${opts.seed}`);
  const city = City.load(root.fork('city'), opts.dataDir);
  const valueParks = generateValueParks(city, root.fork('value-parks'));
  const villageParks = generateVillageParks(city, valueParks.map((p) => ringBBox(p.geometry.coordinates[0])), root.fork('village-parks'));

  mkdirSync(opts.outDir, { recursive: true });
  const entPath = join(opts.outDir, 'enterprises.ndjson');
  const factory = new EnterpriseFactory(city, parkShapes(villageParks), valueParkShapes(valueParks));
  const entRng = root.fork('enterprises');
  const leaders = new Map<number, { name: string; revenue: number }>();
  const fd = openSync(entPath, 'w');
  try {
    let chunk: string[] = [];
    for (let id = 1; id <= opts.enterprises; id++) {
      const e = factory.make(id, entRng);
      if (e.valueParkId) {
        const vp = valueParks[e.valueParkId - 1].properties;
        vp.enterpriseCount++;
        const lead = leaders.get(e.valueParkId);
        // The leader leads the park's theme industry (other firms also sit in the park).
        if (e.cluster === vp.theme && (!lead || e.revenue > lead.revenue)) leaders.set(e.valueParkId, { name: e.name, revenue: e.revenue });
      }
      chunk.push(JSON.stringify(e));
      if (chunk.length === 5000 || id === opts.enterprises) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
        opts.onProgress?.(id, opts.enterprises);
      }
    }
  } finally {
    closeSync(fd);
  }
  for (const [id, lead] of leaders) {
    const el = valueParks[id - 1].properties.elements.find((x) => x.code === 'industry-leader');
    if (el) el.note = `龙头企业：${lead.name}`;
  }

  const files = [entPath, join(opts.outDir, 'village-parks.geojson'), join(opts.outDir, 'value-parks.geojson'), join(opts.outDir, 'meta.json')];
  if (opts.figures !== false) files.push(writeFigures(entPath, join(opts.outDir, 'figures.ndjson'), opts));
  writeCollection(files[1], 'village-parks', villageParks, opts);
  writeCollection(files[2], 'value-parks', valueParks, opts);
  const meta = {
    demo: true, notice: DEMO_NOTICE, seed: opts.seed, enterprises: opts.enterprises, villageParks: villageParks.length, valueParks: valueParks.length,
    dataDate: DEMO_DATA_DATE, generatorVersion: GENERATOR_VERSION, figures: opts.figures !== false ? { from: `${FIRST_YEAR}-01`, to: `${LAST_YEAR}-12` } : null,
    townAnchors: townAnchors(city),
  };
  writeFileSync(files[3], JSON.stringify(meta, null, 2).replace(/\[\s+(-?[\d.e+-]+),\s+(-?[\d.e+-]+)\s+\]/g, '[$1, $2]') + '\n');
  return { enterprises: opts.enterprises, villageParks: villageParks.length, valueParks: valueParks.length, files };
}

/** Reads enterprises.ndjson a chunk of lines at a time (a million lines do not fit one string). */
function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 22);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const l of lines) if (l) yield l;
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/**
 * Monthly figures for every enterprise, calibrated to the published totals (figures.ts). The
 * library's revenue and scale tags are then rewritten from the figures, so an enterprise's revenue
 * is what its own returns add up to.
 */
function writeFigures(entPath: string, figPath: string, opts: GenerateOptions): string {
  const cal = new Calibration(opts.seed, opts.enterprises / REFERENCE_LIBRARY);
  for (const line of readLines(entPath)) cal.add(JSON.parse(line) as Enterprise);
  cal.finishOutput();
  for (const line of readLines(entPath)) cal.addValueAdded(JSON.parse(line) as Enterprise);
  cal.finishValueAdded();
  const tmp = `${entPath}.tmp`;
  const entFd = openSync(tmp, 'w');
  const figFd = openSync(figPath, 'w');
  try {
    let ents: string[] = [];
    let figs: string[] = [];
    const flush = () => {
      writeSync(entFd, ents.join('\n') + '\n');
      writeSync(figFd, figs.join('\n') + '\n');
      ents = [];
      figs = [];
    };
    for (const line of readLines(entPath)) {
      const e = JSON.parse(line) as Enterprise;
      const { months, revenue, employees } = cal.series(e);
      ents.push(JSON.stringify({ ...e, revenue, employees, tags: EnterpriseFactory.scaleTags(e.tags, revenue) }));
      figs.push(JSON.stringify({ id: e.id, m: months }));
      if (ents.length === 2000) flush();
    }
    if (ents.length) flush();
  } finally {
    closeSync(entFd);
    closeSync(figFd);
  }
  renameSync(tmp, entPath);
  return figPath;
}
