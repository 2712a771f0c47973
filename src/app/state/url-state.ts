// Permalinks: the view, layers, overlay, filters, selected feature and language as a short query
// string. Reading is forgiving: a bad or unknown value is dropped with a console warning and the
// rest of the link still applies; nothing here throws.
import { EMPTY_FILTER, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { LANGS, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { decodeArea, encodeArea } from './area-url.ts';
import { TOWNS } from '../../domain/towns.ts';
import { parsePeriod } from '../../domain/monitoring/periods.ts';
import { CHOROPLETH_METRICS, LAYER_KEYS, OVERLAYS, type Choropleth, type ChoroplethMetric, type LayerKey, type Overlay, type PermalinkState, type Selection, type TimeView } from './types.ts';

/** Where the map may go (the controller's maxBounds): west, south, east, north. */
export const VIEW_BOUNDS = [111.8, 21.8, 115.2, 24.6] as const;
export const ZOOM_RANGE = [6, 18] as const;
/** Guangzhou's eleven districts, west, south, east, north (data/boundaries/guangzhou-districts.geojson, rounded out): the first view shows all of it. */
export const CITY_BOUNDS = [112.95, 22.51, 114.06, 23.94] as const;

export const DEFAULT_STATE: PermalinkState = {
  center: [113.45, 23.2],
  zoom: 8.6,
  lang: 'zh-Hans',
  // Key projects are off until asked for (a layer of a few dozen symbols over the parks).
  // Industrial blocks too: a layer of outlines over the parks, shown when asked for.
  layers: { enterprises: true, villageParks: true, valueParks: true, districts: true, keyProjects: false, industrialBlocks: false },
  overlay: 'category',
  filter: EMPTY_FILTER,
  selected: null,
  basemap: false,
  area: null,
  time: null,
  choropleth: null,
};

const LAYER_LETTERS: Record<LayerKey, string> = { enterprises: 'e', villageParks: 'p', valueParks: 'v', districts: 'd', keyProjects: 'k', industrialBlocks: 'b' };
const OVERLAY_CODES: Record<Overlay, string> = { category: 'cat', progress: 'prog', efficiency: 'eff' };
const SELECTION_LETTERS: Record<Selection['kind'], string> = { park: 'p', valuePark: 'v', enterprise: 'e', keyProject: 'k', block: 'b' };
const FILTER_PARAMS: Record<keyof EnterpriseFilter, string> = {
  clusters: 'fc', subIndustries: 'fs', futureIndustries: 'ff', tags: 'ft', revenueTiers: 'fr', districts: 'fd', towns: 'fw',
};
const KNOWN: Record<keyof EnterpriseFilter, ReadonlySet<string>> = {
  clusters: new Set(taxonomy.clusters.map((c) => c.code)),
  subIndustries: new Set(taxonomy.clusters.flatMap((c) => c.subIndustries.map((s) => s.code))),
  futureIndustries: new Set(taxonomy.futureIndustries.map((f) => f.code)),
  tags: new Set(taxonomy.enterpriseTags.map((t) => t.code)),
  revenueTiers: new Set(taxonomy.revenueTiers.map((t) => t.code)),
  districts: new Set(taxonomy.districts.map((d) => d.code)),
  towns: new Set(TOWNS.map((t) => t.code)),
};

const invert = <K extends string>(r: Record<K, string>) => new Map(Object.entries(r).map(([k, v]) => [v as string, k as K]));
const layerByLetter = invert(LAYER_LETTERS);
const overlayByCode = invert(OVERLAY_CODES);
const selectionByLetter = invert(SELECTION_LETTERS);

const round = (v: number, digits: number) => String(Number(v.toFixed(digits)));

/** The query string (with "?", or "" for the default view) that restores `s`. */
export function encodeUrlState(s: PermalinkState): string {
  const q = new URLSearchParams();
  q.set('c', `${round(s.center[0], 5)},${round(s.center[1], 5)}`);
  q.set('z', round(s.zoom, 2));
  const layers = LAYER_KEYS.filter((k) => s.layers[k]).map((k) => LAYER_LETTERS[k]).join('');
  // Only a set other than the default goes into the link (layers off by default stay out of it).
  if (layers !== LAYER_KEYS.filter((k) => DEFAULT_STATE.layers[k]).map((k) => LAYER_LETTERS[k]).join('')) q.set('l', layers || '-');
  if (s.overlay !== DEFAULT_STATE.overlay) q.set('o', OVERLAY_CODES[s.overlay]);
  for (const [k, param] of Object.entries(FILTER_PARAMS) as [keyof EnterpriseFilter, string][]) if (s.filter[k].length) q.set(param, s.filter[k].join(','));
  const area = encodeArea(s.area);
  if (area) q.set('a', area);
  if (s.selected) q.set('s', `${SELECTION_LETTERS[s.selected.kind]}${s.selected.id}`);
  if (s.basemap) q.set('bm', '1');
  if (s.vectorBasemap) q.set('vb', '1');
  if (s.time) q.set('t', s.time.kind === 'asOf' ? s.time.date : `${s.time.from}..${s.time.to}`);
  if (s.choropleth) q.set('ch', `${s.choropleth.metric}:${s.choropleth.period}`);
  if (s.lang !== DEFAULT_STATE.lang) q.set('lang', s.lang);
  // Commas and colons stay readable: they are legal in a query string.
  return `?${q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}

type Warn = (message: string) => void;

const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** `t=2021-06-30` (as of) or `t=2021-01-01..2021-06-30` (changes, earlier date first). */
function readTime(raw: string, warn: Warn): TimeView | null {
  const [a, b, ...rest] = raw.split('..');
  if (!rest.length && isDate(a) && b === undefined) return { kind: 'asOf', date: a };
  if (!rest.length && isDate(a) && b !== undefined && isDate(b) && a < b) return { kind: 'changes', from: a, to: b };
  warn(`permalink: ignoring t="${raw}" (expected a date YYYY-MM-DD or two dates joined by "..", earlier first)`);
  return null;
}

/** `ch=output:2021`: a metric of the engine and a period it accepts. */
function readChoropleth(raw: string, warn: Warn): Choropleth | null {
  const [metric, period] = raw.split(':');
  if ((CHOROPLETH_METRICS as readonly string[]).includes(metric) && period && parsePeriod(period)) return { metric: metric as ChoroplethMetric, period };
  warn(`permalink: ignoring ch="${raw}" (expected metric:period, e.g. output:2021)`);
  return null;
}

const parseNumber = (raw: string) => (/^-?\d{1,4}(\.\d{1,12})?$/.test(raw.trim()) ? Number(raw) : NaN);
const inRange = (v: number, min: number, max: number) => Number.isFinite(v) && v >= min && v <= max;

function readNumber(raw: string, name: string, min: number, max: number, warn: Warn): number | null {
  const v = parseNumber(raw);
  if (inRange(v, min, max)) return v;
  warn(`permalink: ignoring ${name}="${raw}" (expected a number from ${min} to ${max})`);
  return null;
}

function readCodes(raw: string, facet: keyof EnterpriseFilter, warn: Warn): string[] {
  const codes: string[] = [];
  for (const code of raw.split(',').map((c) => c.trim()).filter(Boolean)) {
    if (!KNOWN[facet].has(code)) warn(`permalink: ignoring unknown ${facet} code "${code}"`);
    else if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

/** The parts of the state a query string sets; everything missing or invalid is left out. */
export function decodeUrlState(search: string, warn: Warn = (m) => console.warn(m)): Partial<PermalinkState> {
  const out: Partial<PermalinkState> = {};
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search);
  } catch {
    warn('permalink: the query string could not be read');
    return out;
  }
  const c = q.get('c');
  if (c !== null) {
    const parts = c.split(',');
    const [lon, lat] = parts.length === 2 ? [parseNumber(parts[0]), parseNumber(parts[1])] : [NaN, NaN];
    if (inRange(lon, VIEW_BOUNDS[0], VIEW_BOUNDS[2]) && inRange(lat, VIEW_BOUNDS[1], VIEW_BOUNDS[3])) out.center = [lon, lat];
    else warn(`permalink: ignoring c="${c}" (expected longitude,latitude within ${VIEW_BOUNDS.join(',')})`);
  }
  const z = q.get('z');
  if (z !== null) {
    const zoom = readNumber(z, 'zoom', ZOOM_RANGE[0], ZOOM_RANGE[1], warn);
    if (zoom !== null) out.zoom = zoom;
  }
  const l = q.get('l');
  if (l !== null) {
    const letters = l === '-' ? [] : [...l];
    const unknown = letters.filter((x) => !layerByLetter.has(x));
    if (unknown.length) warn(`permalink: ignoring unknown layer letter(s) "${unknown.join('')}"`);
    out.layers = Object.fromEntries(LAYER_KEYS.map((k) => [k, letters.includes(LAYER_LETTERS[k])])) as Record<LayerKey, boolean>;
  }
  const o = q.get('o');
  if (o !== null) {
    const overlay = overlayByCode.get(o);
    if (overlay && OVERLAYS.includes(overlay)) out.overlay = overlay;
    else warn(`permalink: ignoring unknown overlay "${o}"`);
  }
  const filter: EnterpriseFilter = { ...EMPTY_FILTER };
  let anyFilter = false;
  for (const [k, param] of Object.entries(FILTER_PARAMS) as [keyof EnterpriseFilter, string][]) {
    const raw = q.get(param);
    if (raw === null) continue;
    filter[k] = readCodes(raw, k, warn);
    anyFilter = true;
  }
  if (anyFilter) out.filter = filter;
  const a = q.get('a');
  if (a !== null) {
    try {
      out.area = decodeArea(a);
    } catch (err) {
      warn(`permalink: ignoring area a="${a.slice(0, 60)}" (${(err as Error).message})`);
    }
  }
  const s = q.get('s');
  if (s !== null) {
    const m = /^([a-z])([1-9]\d{0,8})$/.exec(s);
    const kind = m ? selectionByLetter.get(m[1]) : undefined;
    if (m && kind) out.selected = { kind, id: Number(m[2]) };
    else warn(`permalink: ignoring selection "${s}" (expected p, v, e, k or b followed by an id)`);
  }
  const time = q.get('t');
  if (time !== null) out.time = readTime(time, warn);
  const ch = q.get('ch');
  if (ch !== null) out.choropleth = readChoropleth(ch, warn);
  const bm = q.get('bm');
  if (bm !== null) out.basemap = bm === '1';
  const vb = q.get('vb');
  if (vb !== null) out.vectorBasemap = vb === '1';
  const lang = q.get('lang');
  if (lang !== null) {
    if ((LANGS as readonly string[]).includes(lang)) out.lang = lang as Lang;
    else warn(`permalink: ignoring unknown language "${lang}"`);
  }
  return out;
}

/** The full state a link opens: the decoded parts over the defaults. */
export const stateFromUrl = (search: string, warn?: Warn): PermalinkState => ({ ...DEFAULT_STATE, ...decodeUrlState(search, warn) });
