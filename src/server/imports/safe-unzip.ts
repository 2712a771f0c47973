// Unzipping uploads (zipped Shapefiles, and XLSX, which is a zip too) without trusting the archive.
// Entry names with `..`, absolute paths, drive letters or backslashes reject the whole archive (400).
// Sizes are counted while inflating, in small steps, against our own caps on the total and on the
// number of entries (413): a zip bomb declares small sizes or lies about them, so the declared sizes
// are never used to allocate, only compared with what came out (a mismatch is a corrupt file).
//
// The central directory is read by hand (it is the archive's table of contents; fflate's streaming
// Unzip reads local headers instead, which a crafted archive can make disagree with it) and each
// entry is inflated with fflate's streaming Inflate. ZIP64 sizes are understood; encrypted entries,
// multi-disk archives and methods other than stored/deflate are refused with a message.
import { Inflate } from 'fflate';
import { fileOf, ImportError } from './import-error.ts';
import { problem } from '../../domain/problems.ts';

export interface UnzipLimits {
  /** Bytes of all entries together once inflated. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = { maxTotalBytes: 200 * 1024 * 1024, maxEntries: 1000 };

export interface ZipEntry {
  /** The entry's path inside the archive, with forward slashes. */
  name: string;
  data: Uint8Array;
}

export interface UnzipOptions {
  limits?: Partial<UnzipLimits>;
  /** Entries to inflate (the others are checked for safe names and counted, not inflated). */
  filter?: (name: string) => boolean;
  /** How messages call the archive: 'The zip file', 'The XLSX file'. */
  what?: string;
}

// Input per inflate step: deflate expands at most ~1032:1, so one step yields at most ~17 MB.
const STEP = 16 * 1024;

export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));

/** Macintosh resource forks and folder entries are no data. */
const isNoise = (name: string) => name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name);

interface DirectoryEntry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  crc: number;
  local: number;
}

function binary(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    view,
    u16: (o: number) => view.getUint16(o, true),
    u32: (o: number) => view.getUint32(o, true),
    inside: (o: number, n: number) => o >= 0 && n >= 0 && o + n <= bytes.length,
  };
}

/** The archive's table of contents, every name checked; throws ImportError 400/413. */
function readDirectory(bytes: Uint8Array, what: string, limits: UnzipLimits): DirectoryEntry[] {
  const bad = (message: string) => new ImportError('invalid', `${what} ${message}`, problem('zip_damaged', { file: fileOf(what) }));
  const { view, u16, u32, inside } = binary(bytes);
  // End of central directory: the last signature within the final 64 KiB (its comment may follow it).
  let eocd = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--)
    if (u32(o) === 0x06054b50) {
      eocd = o;
      break;
    }
  if (eocd < 0) throw bad('is not a complete zip archive (its table of contents is missing; is it truncated?).');
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw bad('is split over several disks, which is not supported.');
  let count = u16(eocd + 10);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (!inside(loc, 20) || u32(loc) !== 0x07064b50) throw bad('has a damaged ZIP64 table of contents.');
    const z = Number(view.getBigUint64(loc + 8, true));
    if (!inside(z, 56) || u32(z) !== 0x06064b50) throw bad('has a damaged ZIP64 table of contents.');
    count = Number(view.getBigUint64(z + 32, true));
    cdOffset = Number(view.getBigUint64(z + 48, true));
  }
  if (count > limits.maxEntries) throw new ImportError('too_large', `${what} holds ${count} entries; at most ${limits.maxEntries} are accepted.`, problem('zip_too_many_entries', { file: fileOf(what), count, max: limits.maxEntries }));

  const entries: DirectoryEntry[] = [];
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    if (!inside(o, 46) || u32(o) !== 0x02014b50) throw bad('has a damaged table of contents.');
    const flags = u16(o + 8);
    const nameLen = u16(o + 28);
    const extraLen = u16(o + 30);
    const commentLen = u16(o + 32);
    if (!inside(o + 46, nameLen + extraLen + commentLen)) throw bad('has a damaged table of contents.');
    const name = decodeName(bytes.subarray(o + 46, o + 46 + nameLen), (flags & 0x800) !== 0);
    let size = u32(o + 24);
    let compressed = u32(o + 20);
    let local = u32(o + 42);
    // ZIP64 extra field: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    for (let e = o + 46 + nameLen; e + 4 <= o + 46 + nameLen + extraLen; ) {
      const id = u16(e);
      const len = u16(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        const next = () => {
          const v = p + 8 <= e + 4 + len ? Number(view.getBigUint64(p, true)) : NaN;
          p += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressed === 0xffffffff) compressed = next();
        if (local === 0xffffffff) local = next();
      }
      e += 4 + len;
    }
    checkName(name, what);
    entries.push({ name, method: u16(o + 10), flags, compressed, size, crc: u32(o + 16), local });
    o += 46 + nameLen + extraLen + commentLen;
  }

  return entries;
}

/** Names of the archive's entries (checked as safeUnzip checks them), without inflating anything. */
export function zipEntryNames(bytes: Uint8Array, options: Pick<UnzipOptions, 'limits' | 'what'> = {}): string[] {
  const limits = { ...DEFAULT_UNZIP_LIMITS, ...options.limits };
  return readDirectory(bytes, options.what ?? 'The zip file', limits).map((e) => e.name).filter((n) => !isNoise(n));
}

export function safeUnzip(bytes: Uint8Array, options: UnzipOptions = {}): ZipEntry[] {
  const what = options.what ?? 'The zip file';
  const limits = { ...DEFAULT_UNZIP_LIMITS, ...options.limits };
  const bad = (message: string) => new ImportError('invalid', `${what} ${message}`, problem('zip_damaged', { file: fileOf(what) }));
  const { u16, u32, inside } = binary(bytes);
  const entries = readDirectory(bytes, what, limits);

  const out: ZipEntry[] = [];
  let total = 0;
  for (const e of entries) {
    if (isNoise(e.name) || (options.filter && !options.filter(e.name))) continue;
    if (e.flags & 1) throw new ImportError('invalid', `${what} holds the encrypted entry "${e.name}"; upload an archive without a password.`, problem('zip_encrypted', { file: fileOf(what), entry: e.name }));
    if (!inside(e.local, 30) || u32(e.local) !== 0x04034b50) throw bad(`is damaged: the entry "${e.name}" is missing.`);
    const start = e.local + 30 + u16(e.local + 26) + u16(e.local + 28);
    if (!inside(start, e.compressed)) throw bad(`is truncated: the entry "${e.name}" is cut off.`);
    const raw = bytes.subarray(start, start + e.compressed);
    const tooLarge = () =>
      new ImportError('too_large', `${what} unpacks to more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB (reached while unpacking "${e.name}"); split the data or remove what is not needed.`,
        problem('zip_too_large', { file: fileOf(what), mb: Math.round(limits.maxTotalBytes / 1024 / 1024) }));
    let data: Uint8Array;
    if (e.method === 0) {
      if (total + raw.length > limits.maxTotalBytes) throw tooLarge();
      data = raw.slice();
    } else if (e.method === 8) {
      data = inflate(raw, limits.maxTotalBytes - total, tooLarge, () => bad(`is damaged: the entry "${e.name}" cannot be decompressed.`));
    } else throw bad(`uses compression method ${e.method} for "${e.name}"; only stored and deflate (the usual zip) are supported.`);
    total += data.length;
    if (data.length !== e.size || crc32(data) !== e.crc) throw bad(`is damaged: the entry "${e.name}" does not match its recorded size or checksum.`);
    out.push({ name: e.name, data });
  }
  return out;
}

function inflate(raw: Uint8Array, budget: number, tooLarge: () => Error, damaged: () => Error): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > budget) {
      over = true;
      throw tooLarge();
    }
    chunks.push(chunk);
  });
  try {
    if (!raw.length) inflater.push(raw, true);
    for (let p = 0; p < raw.length; p += STEP) inflater.push(raw.subarray(p, p + STEP), p + STEP >= raw.length);
  } catch {
    throw over ? tooLarge() : damaged();
  }
  const data = new Uint8Array(size);
  let p = 0;
  for (const c of chunks) {
    data.set(c, p);
    p += c.length;
  }
  return data;
}

/** Names are UTF-8 when flagged; otherwise CP437 by the standard, but Chinese Windows writes GBK. */
function decodeName(raw: Uint8Array, utf8: boolean): string {
  for (const enc of utf8 ? ['utf-8'] : ['utf-8', 'gbk']) {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(raw);
    } catch {
      // try the next
    }
  }
  return Array.from(raw, (b) => (b < 0x80 ? String.fromCharCode(b) : '?')).join('');
}

function checkName(name: string, what: string): void {
  const reason = name.includes('\\')
    ? 'contains a backslash'
    : name.startsWith('/') || /^[a-zA-Z]:/.test(name)
      ? 'is an absolute path'
      : name.split('/').includes('..')
        ? 'climbs out of the archive with ".."'
        : name.includes('\0')
          ? 'contains a NUL character'
          : null;
  if (reason) throw new ImportError('invalid', `${what} holds an entry whose name ${reason} (${JSON.stringify(name)}); such archives are refused.`, problem('zip_unsafe_name', { file: fileOf(what), name }));
}

let table: Uint32Array | null = null;
function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
