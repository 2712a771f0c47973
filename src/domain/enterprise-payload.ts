// The compact columnar payload that carries enterprises to the browser's worker (docs/architecture.md §4: not
// GeoJSON). Layout: "IGE1", uint32 header length, JSON header (padded to 4 bytes), then one
// little-endian typed array per column, each 4-byte aligned so the decoder can view it without
// copying. Coordinates are integer micro-degrees: the stored coordinates have six decimals, so the
// browser sees exactly the doubles PostGIS holds and both sides select the same points.
// Hand-written: no library encodes typed columns with dictionaries this compactly (Arrow IPC would,
// at ten times the code size in the bundle).
import { taxonomy } from './taxonomy.ts';
import type { PayloadEnterpriseFields } from './enterprise.ts';

export const PAYLOAD_MAGIC = 'IGE1';

type ColumnType = 'u8' | 'u16' | 'u32' | 'i32';
const ARRAYS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array };
type ArrayOf<T extends ColumnType> = InstanceType<(typeof ARRAYS)[T]>;

const COLUMN_TYPES = {
  id: 'u32', lon: 'i32', lat: 'i32', cluster: 'u8', subIndustry: 'u8', futureIndustry: 'u8', tags: 'u16',
  district: 'u8', town: 'u16', villagePark: 'u32', valuePark: 'u8', revenue: 'u32', revenueTier: 'u8',
} as const satisfies Record<string, ColumnType>;
export type ColumnName = keyof typeof COLUMN_TYPES;
/** Revenue columns travel only to roles that may see revenue. */
export const CONFIDENTIAL_COLUMNS: ColumnName[] = ['revenue', 'revenueTier'];

export interface PayloadDictionaries {
  clusters: string[];
  subIndustries: string[];
  futureIndustries: string[];
  tags: string[];
  districts: string[];
  towns: string[];
  revenueTiers: string[];
}

export interface PayloadHeader {
  version: 1;
  count: number;
  demo: boolean;
  confidential: boolean;
  /** Revenue column unit, in yuan. */
  revenueUnit: number;
  dictionaries: PayloadDictionaries;
  /** `delta`: stored as differences from the previous row (decoded by a running sum). */
  columns: { name: ColumnName; type: ColumnType; offset: number; delta?: boolean }[];
}

export type EnterpriseColumns = { [K in ColumnName]?: ArrayOf<(typeof COLUMN_TYPES)[K]> } & {
  id: Uint32Array; lon: Int32Array; lat: Int32Array; cluster: Uint8Array; subIndustry: Uint8Array; futureIndustry: Uint8Array;
  tags: Uint16Array; district: Uint8Array; town: Uint16Array; villagePark: Uint32Array; valuePark: Uint8Array;
};

export interface DecodedPayload {
  header: PayloadHeader;
  columns: EnterpriseColumns;
}

/** One enterprise as the payload builder takes it: the worker's fields of the record (domain/enterprise.ts). */
export interface EnterpriseRecord extends PayloadEnterpriseFields {
  tags: readonly string[];
  /** A district code; a string, since the builder also takes rows straight from the database. */
  district: string;
}

export const REVENUE_UNIT_YUAN = 10_000;
const DELTA_COLUMNS: ColumnName[] = ['id', 'lon', 'lat'];

/** Interleaves the low 16 bits of x and y. */
function morton(x: number, y: number): number {
  const spread = (v: number) => {
    v &= 0xffff;
    v = (v | (v << 8)) & 0x00ff00ff;
    v = (v | (v << 4)) & 0x0f0f0f0f;
    v = (v | (v << 2)) & 0x33333333;
    return (v | (v << 1)) & 0x55555555;
  };
  return (spread(x) | (spread(y) << 1)) >>> 0;
}
/** Index 0 means "none" in the futureIndustry, valuePark, villagePark and revenueTier columns. */
const NONE = 0;

export function defaultDictionaries(): PayloadDictionaries {
  return {
    clusters: taxonomy.clusters.map((c) => c.code),
    subIndustries: taxonomy.clusters.flatMap((c) => c.subIndustries.map((s) => s.code)),
    futureIndustries: taxonomy.futureIndustries.map((f) => f.code),
    tags: taxonomy.enterpriseTags.map((t) => t.code),
    districts: taxonomy.districts.map((d) => d.code),
    towns: [],
    revenueTiers: taxonomy.revenueTiers.map((t) => t.code),
  };
}

/** Collects enterprises one at a time (bounded memory: typed arrays grow by doubling). */
export class EnterprisePayloadBuilder {
  private readonly dict = defaultDictionaries();
  private readonly index = Object.fromEntries(Object.entries(this.dict).map(([k, list]) => [k, new Map(list.map((c: string, i: number) => [c, i]))])) as Record<keyof PayloadDictionaries, Map<string, number>>;
  private cols: Record<string, ArrayOf<ColumnType>> = {};
  private count = 0;
  private readonly names: ColumnName[];

  /** Whether any row added said it is synthetic (`demo`), for the header when the caller does not say. */
  private anyDemo = false;

  /** `demo`: whether the rows are synthetic; left out, the header says so when any added row carries `demo: true`. */
  constructor(private readonly opts: { confidential: boolean; demo?: boolean }) {
    this.names = (Object.keys(COLUMN_TYPES) as ColumnName[]).filter((n) => opts.confidential || !CONFIDENTIAL_COLUMNS.includes(n));
    this.grow(1024);
  }

  private grow(capacity: number) {
    for (const n of this.names) {
      const next = new ARRAYS[COLUMN_TYPES[n]](capacity);
      if (this.cols[n]) next.set(this.cols[n]);
      this.cols[n] = next;
    }
  }

  private code(dict: keyof PayloadDictionaries, code: string, what: string): number {
    const i = this.index[dict].get(code);
    if (i !== undefined) return i;
    if (dict !== 'towns') throw new Error(`enterprise payload: unknown ${what} "${code}"`);
    this.dict.towns.push(code);
    this.index.towns.set(code, this.dict.towns.length - 1);
    return this.dict.towns.length - 1;
  }

  add(e: EnterpriseRecord & { demo?: boolean }): void {
    if (e.demo) this.anyDemo = true;
    if (this.count === this.cols.id.length) this.grow(this.count * 2);
    const i = this.count++;
    const c = this.cols;
    c.id[i] = e.id;
    c.lon[i] = Math.round(e.lon * 1e6);
    c.lat[i] = Math.round(e.lat * 1e6);
    c.cluster[i] = this.code('clusters', e.cluster, 'cluster');
    c.subIndustry[i] = this.code('subIndustries', e.subIndustry, 'sub-industry');
    c.futureIndustry[i] = e.futureIndustry ? this.code('futureIndustries', e.futureIndustry, 'future industry') + 1 : NONE;
    let mask = 0;
    for (const t of e.tags) mask |= 1 << this.code('tags', t, 'tag');
    c.tags[i] = mask;
    c.district[i] = this.code('districts', e.district, 'district');
    c.town[i] = this.code('towns', e.town, 'town');
    c.villagePark[i] = e.villageParkId ?? NONE;
    c.valuePark[i] = e.valueParkId ?? NONE;
    if (this.opts.confidential) {
      c.revenue[i] = Math.min(0xffffffff, Math.round(e.revenue / REVENUE_UNIT_YUAN));
      const tier = taxonomy.revenueTiers.findIndex((t) => e.revenue >= t.min && (t.max === null || e.revenue < t.max));
      c.revenueTier[i] = tier + 1;
    }
  }

  /**
   * Rows go out in Morton (Z-order) order of their coordinates, with ids and coordinates as deltas:
   * neighbours on the map then differ by small numbers, which gzip packs far better than raw values.
   */
  private sortedAndDelta(): void {
    const n = this.count;
    const { lon, lat } = this.cols as { lon: Int32Array; lat: Int32Array };
    let minX = Infinity;
    let minY = Infinity;
    for (let i = 0; i < n; i++) {
      if (lon[i] < minX) minX = lon[i];
      if (lat[i] < minY) minY = lat[i];
    }
    // Key (32 bits of interleaved x/y at ~6 m resolution) × 2^21 + row index fits a double exactly.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = morton((lon[i] - minX) >>> 6, (lat[i] - minY) >>> 6) * 2 ** 21 + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i] % 2 ** 21;
    for (const name of this.names) {
      const src = this.cols[name];
      const dst = new ARRAYS[COLUMN_TYPES[name]](n);
      for (let i = 0; i < n; i++) dst[i] = src[order[i]];
      this.cols[name] = dst;
    }
    for (const name of DELTA_COLUMNS) {
      const col = this.cols[name] as Int32Array | Uint32Array;
      for (let i = n - 1; i > 0; i--) col[i] = col[i] - col[i - 1];
    }
  }

  finish(): Uint8Array {
    if (this.count >= 2 ** 21) throw new Error('enterprise payload: at most 2,097,151 rows');
    this.sortedAndDelta();
    const align = (n: number) => (n + 3) & ~3;
    const columns: PayloadHeader['columns'] = [];
    let offset = 0;
    for (const n of this.names) {
      columns.push({ name: n, type: COLUMN_TYPES[n], offset, ...(DELTA_COLUMNS.includes(n) ? { delta: true } : {}) });
      offset = align(offset + this.count * ARRAYS[COLUMN_TYPES[n]].BYTES_PER_ELEMENT);
    }
    const header: PayloadHeader = { version: 1, count: this.count, demo: this.opts.demo ?? this.anyDemo, confidential: this.opts.confidential, revenueUnit: REVENUE_UNIT_YUAN, dictionaries: this.dict, columns };
    const json = new TextEncoder().encode(JSON.stringify(header));
    const start = align(8 + json.length);
    const out = new Uint8Array(start + offset);
    out.set(new TextEncoder().encode(PAYLOAD_MAGIC), 0);
    new DataView(out.buffer).setUint32(4, json.length, true);
    out.set(json, 8);
    for (const col of columns) {
      const src = this.cols[col.name].subarray(0, this.count);
      out.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), start + col.offset);
    }
    return out;
  }
}

/** Views the columns of a payload (no copy except for delta columns; the buffer must be 4-byte aligned, as fetch gives it). */
export function decodeEnterprisePayload(buffer: ArrayBuffer): DecodedPayload {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== PAYLOAD_MAGIC) throw new Error('Not an enterprise payload (bad magic).');
  const jsonLength = new DataView(buffer).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength))) as PayloadHeader;
  if (header.version !== 1) throw new Error(`Unsupported enterprise payload version ${header.version}.`);
  const start = (8 + jsonLength + 3) & ~3;
  const columns = {} as Record<string, ArrayOf<ColumnType>>;
  for (const col of header.columns) {
    const Ctor = ARRAYS[col.type];
    if (start + col.offset + header.count * Ctor.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error(`Enterprise payload truncated in column ${col.name}.`);
    const view = new Ctor(buffer, start + col.offset, header.count);
    if (col.delta) {
      // Delta columns are summed into a copy, so the caller's buffer stays as received.
      const sum = new Ctor(header.count);
      for (let i = 0, acc = 0; i < header.count; i++) sum[i] = acc = (acc + view[i]) | 0;
      columns[col.name] = sum;
    } else columns[col.name] = view;
  }
  return { header, columns: columns as EnterpriseColumns };
}
