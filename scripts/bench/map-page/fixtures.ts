// Node side of the map benchmark: the demo enterprises as our payload and as GeoJSON (both gzipped,
// cached under bench/tmp between runs), and a tiny static HTTP server for the page and the data
// that counts the bytes it sends.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createInterface } from 'node:readline';
import { createGzip, gzipSync } from 'node:zlib';
import { GENERATOR_VERSION, generateDemoData } from '../../lib/demo/generate.ts';
import { EnterprisePayloadBuilder, decodeEnterprisePayload } from '../../../src/domain/enterprise-payload.ts';

export interface Fixtures {
  seed: string;
  count: number;
  generatorVersion: number;
  /** Payload as a planner gets it (with revenue): raw and gzip (level 6, as the server sends it). */
  payloadBytes: number;
  payloadGzBytes: number;
  geojsonBytes: number;
  geojsonGzBytes: number;
}

export const PAYLOAD_GZ = 'payload.bin.gz';
export const GEOJSON_GZ = 'points.geojson.gz';

/** Generates (or reuses) the demo data and the two encodings of its enterprises under `dir`. */
export async function prepareFixtures(dir: string, seed: string, count: number, log: (l: string) => void): Promise<Fixtures> {
  const dataDir = join(dir, 'data');
  const metaFile = join(dataDir, 'meta.json');
  const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : null;
  if (!meta || meta.seed !== seed || meta.enterprises !== count || meta.generatorVersion !== GENERATOR_VERSION) {
    log(`generating ${count.toLocaleString('en')} demo enterprises (seed "${seed}") …`);
    // Without the monthly figures (2.3 GB at a million enterprises): the map never reads them.
    generateDemoData({ seed, enterprises: count, outDir: dataDir, figures: false });
  }
  const stampFile = join(dir, 'fixtures.json');
  const stamp = existsSync(stampFile) ? (JSON.parse(readFileSync(stampFile, 'utf8')) as Fixtures) : null;
  if (stamp && stamp.seed === seed && stamp.count === count && stamp.generatorVersion === GENERATOR_VERSION && existsSync(join(dir, PAYLOAD_GZ)) && existsSync(join(dir, GEOJSON_GZ)))
    return stamp;

  log('building the payload …');
  const builder = new EnterprisePayloadBuilder({ confidential: true, demo: true });
  const lines = createInterface({ input: createReadStream(join(dataDir, 'enterprises.ndjson')), crlfDelay: Infinity });
  for await (const line of lines) if (line) builder.add(JSON.parse(line));
  const payload = builder.finish();
  const payloadGz = gzipSync(payload, { level: 6 });
  writeFileSync(join(dir, PAYLOAD_GZ), payloadGz);

  // The same points (decoded from the payload, so exactly the same coordinates) as GeoJSON, with the
  // attributes our point features carry.
  log('writing the GeoJSON …');
  const { columns: c } = decodeEnterprisePayload(payload.slice().buffer);
  const gz = createGzip({ level: 6 });
  const out = createWriteStream(join(dir, GEOJSON_GZ));
  gz.pipe(out);
  let geojsonBytes = 0;
  const write = (s: string) => {
    geojsonBytes += Buffer.byteLength(s);
    return gz.write(s);
  };
  write('{"type":"FeatureCollection","features":[\n');
  for (let i = 0, chunk: string[] = []; i < c.id.length; i++) {
    chunk.push(`{"type":"Feature","id":${c.id[i]},"geometry":{"type":"Point","coordinates":[${c.lon[i] / 1e6},${c.lat[i] / 1e6}]},"properties":{"id":${c.id[i]},"industry":${c.cluster[i]},"tags":${c.tags[i]}}}`);
    if (chunk.length === 10_000 || i === c.id.length - 1) {
      if (!write(chunk.join(',\n') + (i === c.id.length - 1 ? '\n' : ',\n'))) await new Promise((r) => gz.once('drain', r));
      chunk = [];
    }
  }
  write(']}\n');
  await new Promise<void>((resolve, reject) => {
    out.on('finish', () => resolve());
    out.on('error', reject);
    gz.end();
  });
  const fixtures: Fixtures = {
    seed, count, generatorVersion: GENERATOR_VERSION,
    payloadBytes: payload.length, payloadGzBytes: payloadGz.length,
    geojsonBytes, geojsonGzBytes: statSync(join(dir, GEOJSON_GZ)).size,
  };
  writeFileSync(stampFile, JSON.stringify(fixtures, null, 2));
  return fixtures;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface StaticServer {
  url: string;
  /** Bytes sent (as on the wire, i.e. gzipped where gzipped) per request path. */
  sent: Map<string, number>;
  close: () => Promise<void>;
}

/** Serves the built page from `pageDir`, and /data/payload.bin and /data/points.geojson gzipped from `dataDir`. */
export function serveStatic(pageDir: string, dataDir: string): Promise<StaticServer> {
  const sent = new Map<string, number>();
  const data: Record<string, { file: string; type: string }> = {
    '/data/payload.bin': { file: join(dataDir, PAYLOAD_GZ), type: 'application/octet-stream' },
    '/data/points.geojson': { file: join(dataDir, GEOJSON_GZ), type: 'application/geo+json' },
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const gz = data[path];
    const file = gz ? gz.file : join(pageDir, normalize(path === '/' ? '/index.html' : path));
    if ((!gz && !file.startsWith(pageDir)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const size = statSync(file).size;
    res.writeHead(200, {
      'Content-Type': gz ? gz.type : (TYPES[extname(file)] ?? 'application/octet-stream'),
      'Content-Length': size,
      'Cache-Control': 'no-store',
      ...(gz ? { 'Content-Encoding': 'gzip' } : {}),
    });
    sent.set(path, (sent.get(path) ?? 0) + size);
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, sent, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
