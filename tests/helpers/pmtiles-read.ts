// Reading PMTiles archives back in tests: an in-memory Source for the pmtiles reader, and a walk
// over every tile of a zoom level that decodes the MVT layers.
import vectorTile, { type VectorTileFeature } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { expect } from 'vitest';

export class BufferSource implements Source {
  constructor(
    private readonly buf: Uint8Array,
    private readonly key: string,
  ) {}
  getKey(): string {
    return this.key;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.buf.slice(offset, offset + length);
    return { data: slice.buffer };
  }
}

export function open(buf: Uint8Array, key: string): PMTiles {
  return new PMTiles(new BufferSource(buf, key));
}


export function tileRange(bounds: [number, number, number, number], z: number) {
  const n = 2 ** z;
  const tx = (lon: number) => Math.min(n - 1, Math.floor(((lon + 180) / 360) * n));
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.min(n - 1, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n));
  };
  return { x0: tx(bounds[0]), x1: tx(bounds[2]), y0: ty(bounds[3]), y1: ty(bounds[1]) };
}

export interface DecodedFeature {
  feature: VectorTileFeature;
  z: number;
  x: number;
  y: number;
}

/** All features per layer at zoom z, over the tiles covering the archive bounds. */
export async function featuresAtZoom(p: PMTiles, z: number): Promise<{ tiles: number; layers: Map<string, DecodedFeature[]> }> {
  const h = await p.getHeader();
  const { x0, x1, y0, y1 } = tileRange([h.minLon, h.minLat, h.maxLon, h.maxLat], z);
  const layers = new Map<string, DecodedFeature[]>();
  let tiles = 0;
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) {
      const resp = await p.getZxy(z, x, y);
      if (!resp) continue;
      tiles++;
      const vt = new vectorTile.VectorTile(new Pbf(new Uint8Array(resp.data)));
      for (const [name, layer] of Object.entries(vt.layers)) {
        expect(layer.extent).toBe(4096);
        const list = layers.get(name) ?? [];
        for (let i = 0; i < layer.length; i++) list.push({ feature: layer.feature(i), z, x, y });
        layers.set(name, list);
      }
    }
  }
  return { tiles, layers };
}
