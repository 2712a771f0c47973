import { describe, expect, it } from 'vitest';
import { decodeRing, extractRegisteredMap } from '../../scripts/lib/echarts-decode.ts';

// Encode the way echarts' map tools do, to check the decoder against known coordinates.
function encodeRing(coords: [number, number][], offset: [number, number]): string {
  let [px, py] = offset;
  let s = '';
  for (const [lon, lat] of coords) {
    const x = Math.round(lon * 1024);
    const y = Math.round(lat * 1024);
    const [dx, dy] = [x - px, y - py];
    [px, py] = [x, y];
    s += String.fromCharCode(((dx << 1) ^ (dx >> 31)) + 64, ((dy << 1) ^ (dy >> 31)) + 64);
  }
  return s;
}

describe('echarts map decoding', () => {
  it('decodes zig-zag deltas from the encode offset', () => {
    const pts: [number, number][] = [[113.25, 23.125], [113.2509765625, 23.1240234375], [113.24, 23.13], [113.25, 23.125]];
    const offset: [number, number] = [Math.round(113.2 * 1024), Math.round(23.1 * 1024)];
    const ring = decodeRing(encodeRing(pts, offset), offset);
    ring.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(pts[i][0], 3);
      expect(p[1]).toBeCloseTo(pts[i][1], 3);
    });
  });

  it('pulls the map object out of a registerMap module, braces inside strings included', () => {
    const src = `(function(){echarts.registerMap('x', {"type":"FeatureCollection","features":[{"properties":{"name":"a}{b"}}]});})`;
    expect(extractRegisteredMap(src).features[0].properties.name).toBe('a}{b');
    expect(() => extractRegisteredMap('nothing here')).toThrow(/registerMap/);
  });
});
