// Issue 15, item 7: on the map an enterprise bubble (coloured by its industry cluster) sits on top of
// a village park (coloured by its renovation category). If the two palettes shared hues, a reader
// could take a park for a cluster. The colours live in seeds/taxonomy.json; this test measures them
// with CIEDE2000 (ΔE00), where about 2 is just noticeable and 20 is a different colour.
import { describe, expect, it } from 'vitest';
import { taxonomy } from '../../src/domain/taxonomy.ts';

type Lab = readonly [number, number, number];

/** sRGB hex (#RRGGBB) → CIELAB (D65 white). */
function hexToLab(hex: string): Lab {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIEDE2000 colour difference (Sharma, Wu and Dalal 2005), kL = kC = kH = 1. */
function deltaE2000([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number {
  const rad = Math.PI / 180;
  const c7 = (c: number) => Math.sqrt(c ** 7 / (c ** 7 + 25 ** 7));
  const g = 0.5 * (1 - c7((Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2));
  const a1p = (1 + g) * a1, a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1), c2p = Math.hypot(a2p, b2);
  const hue = (a: number, b: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1p = hue(a1p, b1), h2p = hue(a2p, b2);
  let dh = 0;
  if (c1p * c2p !== 0) dh = h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p < -180 ? h2p - h1p + 360 : h2p - h1p;
  const dL = l2 - l1, dC = c2p - c1p, dH = 2 * Math.sqrt(c1p * c2p) * Math.sin((dh * rad) / 2);
  const lBar = (l1 + l2) / 2, cBar = (c1p + c2p) / 2;
  let hBar = h1p + h2p;
  if (c1p * c2p !== 0) hBar = Math.abs(h1p - h2p) > 180 ? (h1p + h2p + (h1p + h2p < 360 ? 360 : -360)) / 2 : (h1p + h2p) / 2;
  const t = 1 - 0.17 * Math.cos((hBar - 30) * rad) + 0.24 * Math.cos(2 * hBar * rad) + 0.32 * Math.cos((3 * hBar + 6) * rad) - 0.2 * Math.cos((4 * hBar - 63) * rad);
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sC = 1 + 0.045 * cBar, sH = 1 + 0.015 * cBar * t;
  const rT = -Math.sin(2 * 30 * Math.exp(-(((hBar - 275) / 25) ** 2)) * rad) * 2 * c7(cBar);
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}

const deltaE = (a: string, b: string) => deltaE2000(hexToLab(a), hexToLab(b));

/** Smallest ΔE00 allowed between a cluster colour and a park-category colour, or between two categories. */
const MIN_DELTA_E = 20;

describe('map colours', () => {
  it('computes CIEDE2000 as published (Sharma et al. test pairs)', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
    expect(deltaE('#ffffff', '#000000')).toBeCloseTo(100, 0);
  });

  it('gives village-park categories no colour close to an enterprise cluster colour', () => {
    const close = taxonomy.renovationCategories.flatMap((cat) => taxonomy.clusters
      .map((cl) => ({ pair: `${cat.code} ${cat.color} / ${cl.code} ${cl.color}`, dE: Math.round(deltaE(cat.color, cl.color) * 10) / 10 }))
      .filter((p) => p.dE < MIN_DELTA_E));
    expect(close).toEqual([]);
  });

  it('keeps the park categories apart from each other', () => {
    const cats = taxonomy.renovationCategories;
    for (const [i, a] of cats.entries()) {
      for (const b of cats.slice(i + 1)) expect(deltaE(a.color, b.color), `${a.code} / ${b.code}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
    }
  });
});
