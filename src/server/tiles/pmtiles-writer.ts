// PMTiles v3 writer. Hand-written because no npm package writes v3 archives: `pmtiles` on npm only reads
// them, and the writers (go-pmtiles, the Python `pmtiles` package, tippecanoe, planetiler) are not JS.
// Spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
//
// Layout: 127-byte header | root directory | JSON metadata | leaf directories | tile data.
// Tiles are gzipped MVT, directories and metadata are gzipped too. Identical tiles are stored once
// (same bytes → same offset; consecutive tile ids with the same bytes → one entry with RunLength > 1).
// Blobs are written in tile-id order, so the archive is "clustered". The output is deterministic:
// no timestamps, gzip header normalised (mtime 0, OS byte "unknown").
import { createHash } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';
import { Compression, TileType, zxyToTileId } from 'pmtiles';

export interface TileInput {
  z: number;
  x: number;
  y: number;
  /** Uncompressed tile bytes (MVT); the writer gzips them. Empty tiles are left out of the archive. */
  data: Uint8Array;
}

export interface VectorLayerMeta {
  id: string;
  /** TileJSON 3.0 field types: "Number", "String", "Boolean" (or "Mixed"). */
  fields: Record<string, string>;
  minzoom: number;
  maxzoom: number;
  description?: string;
}

export interface PmtilesMeta {
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  /** [lon, lat, zoom]. */
  center: [number, number, number];
  vectorLayers: VectorLayerMeta[];
  name: string;
  description: string;
  attribution: string;
}

export interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

export interface WriteOptions {
  /** Largest allowed compressed root directory, bytes. Default: 16,384 − 127 (header + root in the first 16 KiB). */
  maxRootBytes?: number;
}

const HEADER_BYTES = 127;
const FIRST_FETCH_BYTES = 16_384;

/** gzip with a byte-stable header: node writes mtime 0 already; the OS byte is set to 255 ("unknown"). */
export function gzipDeterministic(data: Uint8Array): Uint8Array {
  const out = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
  out.writeUInt32LE(0, 4); // MTIME
  out[9] = 0xff; // OS
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

class ByteWriter {
  private chunks: number[] = [];
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint out of range: ${value}`);
    let v = value;
    while (v >= 0x80) {
      this.chunks.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.chunks.push(v);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** Directory serialisation of the spec (§ Directory Serialization), before compression. */
export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  if (entries.length === 0) throw new Error('PMTiles directories must not be empty');
  const w = new ByteWriter();
  w.varint(entries.length);
  let lastId = 0;
  for (const e of entries) {
    w.varint(e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) w.varint(e.runLength);
  for (const e of entries) w.varint(e.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const prev = entries[i - 1];
    w.varint(i > 0 && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  }
  return w.bytes();
}

function compressedDirectory(entries: readonly Entry[]): Uint8Array {
  return gzipDeterministic(serializeDirectory(entries));
}

/** Split entries into leaves of `leafSize` entries; the root points at each leaf (RunLength 0). */
function buildRootLeaves(entries: readonly Entry[], leafSize: number): { root: Uint8Array; leaves: Uint8Array; numLeaves: number } {
  const rootEntries: Entry[] = [];
  const leafChunks: Uint8Array[] = [];
  let leavesLength = 0;
  for (let i = 0; i < entries.length; i += leafSize) {
    const leaf = compressedDirectory(entries.slice(i, i + leafSize));
    rootEntries.push({ tileId: entries[i].tileId, offset: leavesLength, length: leaf.length, runLength: 0 });
    leafChunks.push(leaf);
    leavesLength += leaf.length;
  }
  return { root: compressedDirectory(rootEntries), leaves: concat(leafChunks), numLeaves: leafChunks.length };
}

/**
 * The reference writers' algorithm (go-pmtiles `optimizeDirectories`): everything in the root if it fits,
 * otherwise leaves of ≥ 4096 entries, growing the leaf size by 20% until the root fits.
 */
export function optimizeDirectories(
  entries: readonly Entry[],
  maxRootBytes: number,
): { root: Uint8Array; leaves: Uint8Array; numLeaves: number } {
  const rootOnly = compressedDirectory(entries);
  if (rootOnly.length <= maxRootBytes) return { root: rootOnly, leaves: new Uint8Array(0), numLeaves: 0 };
  let leafSize = Math.max(4096, Math.ceil(entries.length / 3500));
  for (;;) {
    const built = buildRootLeaves(entries, leafSize);
    if (built.root.length <= maxRootBytes) return built;
    if (leafSize >= entries.length) throw new Error('PMTiles root directory cannot be made small enough');
    leafSize = Math.ceil(leafSize * 1.2);
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

function checkZoom(name: string, z: number): void {
  if (!Number.isInteger(z) || z < 0 || z > 26) throw new Error(`${name} must be an integer 0–26, got ${z}`);
}

function writeHeader(h: {
  rootOffset: number;
  rootLength: number;
  metadataOffset: number;
  metadataLength: number;
  leafOffset: number;
  leafLength: number;
  dataOffset: number;
  dataLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  meta: PmtilesMeta;
}): Uint8Array {
  const buf = new Uint8Array(HEADER_BYTES);
  const v = new DataView(buf.buffer);
  buf.set(new TextEncoder().encode('PMTiles'), 0);
  buf[7] = 3;
  const u64 = (offset: number, value: number) => {
    v.setBigUint64(offset, BigInt(value), true);
  };
  u64(8, h.rootOffset);
  u64(16, h.rootLength);
  u64(24, h.metadataOffset);
  u64(32, h.metadataLength);
  u64(40, h.leafOffset);
  u64(48, h.leafLength);
  u64(56, h.dataOffset);
  u64(64, h.dataLength);
  u64(72, h.addressedTiles);
  u64(80, h.tileEntries);
  u64(88, h.tileContents);
  buf[96] = 1; // clustered
  buf[97] = Compression.Gzip; // internal compression
  buf[98] = Compression.Gzip; // tile compression
  buf[99] = TileType.Mvt;
  buf[100] = h.meta.minZoom;
  buf[101] = h.meta.maxZoom;
  const e7 = (deg: number) => Math.round(deg * 1e7);
  const [w, s, e, n] = h.meta.bounds;
  v.setInt32(102, e7(w), true);
  v.setInt32(106, e7(s), true);
  v.setInt32(110, e7(e), true);
  v.setInt32(114, e7(n), true);
  buf[118] = h.meta.center[2];
  v.setInt32(119, e7(h.meta.center[0]), true);
  v.setInt32(123, e7(h.meta.center[1]), true);
  return buf;
}

/** Write a complete PMTiles v3 archive (MVT, gzip) into memory. */
export function writePmtiles(tiles: readonly TileInput[], meta: PmtilesMeta, options: WriteOptions = {}): Uint8Array {
  checkZoom('minZoom', meta.minZoom);
  checkZoom('maxZoom', meta.maxZoom);
  if (meta.minZoom > meta.maxZoom) throw new Error(`minZoom ${meta.minZoom} > maxZoom ${meta.maxZoom}`);
  checkZoom('center zoom', meta.center[2]);

  const sorted = tiles
    .filter((t) => t.data.length > 0)
    .map((t) => ({ tile: t, tileId: zxyToTileId(t.z, t.x, t.y) }))
    .sort((a, b) => a.tileId - b.tileId);
  if (sorted.length === 0) throw new Error('PMTiles archive needs at least one non-empty tile');

  const entries: Entry[] = [];
  const blobs: Uint8Array[] = [];
  const byHash = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  let lastHash = '';
  let addressedTiles = 0;
  for (const { tile, tileId } of sorted) {
    const last = entries[entries.length - 1];
    if (last && last.tileId === tileId) throw new Error(`duplicate tile ${tile.z}/${tile.x}/${tile.y}`);
    addressedTiles++;
    const hash = createHash('sha256').update(tile.data).digest('base64');
    if (last && hash === lastHash && last.tileId + last.runLength === tileId) {
      last.runLength++;
      continue;
    }
    let blob = byHash.get(hash);
    if (!blob) {
      const gz = gzipDeterministic(tile.data);
      blob = { offset: dataLength, length: gz.length };
      byHash.set(hash, blob);
      blobs.push(gz);
      dataLength += gz.length;
    }
    entries.push({ tileId, offset: blob.offset, length: blob.length, runLength: 1 });
    lastHash = hash;
  }

  const { root, leaves } = optimizeDirectories(entries, options.maxRootBytes ?? FIRST_FETCH_BYTES - HEADER_BYTES);

  const metadataJson = JSON.stringify({
    name: meta.name,
    description: meta.description,
    attribution: meta.attribution,
    type: 'overlay',
    format: 'pbf',
    version: '1',
    minzoom: String(meta.minZoom),
    maxzoom: String(meta.maxZoom),
    bounds: meta.bounds.join(','),
    center: meta.center.join(','),
    vector_layers: meta.vectorLayers,
  });
  const metadata = gzipDeterministic(new TextEncoder().encode(metadataJson));

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const dataOffset = leafOffset + leaves.length;
  const header = writeHeader({
    rootOffset,
    rootLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leafOffset,
    leafLength: leaves.length,
    dataOffset,
    dataLength,
    addressedTiles,
    tileEntries: entries.length,
    tileContents: blobs.length,
    meta,
  });
  return concat([header, root, metadata, leaves, ...blobs]);
}
