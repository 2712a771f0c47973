// Pilot selection rules (src/domain/pilots.ts): "about 20" a year, the basis year of a nomination,
// low-efficiency reasons, the ranking order and before/after changes.
import { describe, expect, it } from 'vitest';
import {
  basisYear, compareCandidates, DEFAULT_PILOT_TARGET, defaultPilotYear, efficiencyChange, efficiencyReasons, efficiencyStats,
  pilotCountBand, pilotCountRange, pilotCountWarning, quantile,
} from '../../src/domain/pilots.ts';

describe('pilots a year against the plan', () => {
  it('the plan says 20, and about 20 is 15 to 25 inclusive', () => {
    expect(DEFAULT_PILOT_TARGET).toBe(20);
    expect(pilotCountRange(20)).toEqual({ min: 15, max: 25 });
    expect([14, 15, 20, 25, 26].map((n) => pilotCountBand(n, 20))).toEqual(['below', 'within', 'within', 'within', 'above']);
    expect([0, 14, 15, 25, 26].map((n) => pilotCountWarning(n, 20))).toEqual([true, true, false, false, true]);
  });
  it('rounds the range inwards for other targets', () => {
    expect(pilotCountRange(10)).toEqual({ min: 8, max: 12 });
    expect(pilotCountRange(3)).toEqual({ min: 3, max: 3 });
  });
  it('opens on the latest plan year up to this year', () => {
    expect(defaultPilotYear(2026)).toBe(2021);
    expect(defaultPilotYear(2020)).toBe(2020);
    expect(defaultPilotYear(2010)).toBe(2019);
  });
  it('judges a nomination on the latest complete year before the pilot year', () => {
    expect(basisYear(2021, [2018, 2019, 2020, 2021])).toBe(2020);
    expect(basisYear(2019, [2018, 2019, 2020, 2021])).toBe(2018);
    expect(basisYear(2019, [2020, 2021])).toBe(2021);
    expect(basisYear(2019, [])).toBeNull();
  });
});

describe('low-efficiency reasons', () => {
  it('quantiles interpolate linearly', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([], 0.5)).toBeNull();
  });
  const rows = [10, 20, 30, 40, 50].map((v) => ({ outputPerMu: v * 1000, taxPerMu: v * 100 }));
  const city = efficiencyStats(rows);
  const district = efficiencyStats(rows.slice(0, 3));
  it('gives the lower quartile before the median, and the district median separately', () => {
    expect(efficiencyReasons({ outputPerMu: 15_000, taxPerMu: 5000, district: '440111' }, city, district)).toEqual([
      { code: 'output_bottom_quartile', params: { scope: 'city', value: 15_000, threshold: 20_000 } },
      { code: 'output_below_median', params: { scope: 'district', district: '440111', value: 15_000, threshold: 20_000 } },
    ]);
    expect(efficiencyReasons({ outputPerMu: 25_000, taxPerMu: 1000, district: '440111' }, city, district).map((r) => `${r.code}/${r.params.scope}`))
      .toEqual(['output_below_median/city', 'tax_bottom_quartile/city', 'tax_below_median/district']);
  });
  it('has no reason at or above every median, and none for a missing figure', () => {
    expect(efficiencyReasons({ outputPerMu: 30_000, taxPerMu: 3000, district: '440111' }, city, district)).toEqual([]);
    expect(efficiencyReasons({ outputPerMu: null, taxPerMu: null, district: '440111' }, city, district)).toEqual([]);
  });
});

describe('ranking and change', () => {
  it('orders by output per mu, then tax per mu (none last), then id', () => {
    const c = [
      { parkId: 4, outputPerMu: 2, taxPerMu: null },
      { parkId: 3, outputPerMu: 2, taxPerMu: 5 },
      { parkId: 2, outputPerMu: 2, taxPerMu: 5 },
      { parkId: 9, outputPerMu: 1, taxPerMu: 9 },
      { parkId: 5, outputPerMu: 2, taxPerMu: null },
    ];
    expect([...c].sort(compareCandidates).map((x) => x.parkId)).toEqual([9, 2, 3, 4, 5]);
  });
  it('relative change, null without a base', () => {
    expect(efficiencyChange(100, 150)).toBe(0.5);
    expect(efficiencyChange(null, 150)).toBeNull();
    expect(efficiencyChange(0, 150)).toBeNull();
  });
});
