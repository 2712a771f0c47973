// Park efficiency as the map and the dashboard read it: one park's series out of the by-park answers,
// the overlay's latest complete year, and the dashboard's per-mu metric rules.
import { describe, expect, it } from 'vitest';
import type { IndicatorAnswer, IndicatorRow } from '../../src/domain/monitoring/indicators.ts';
import { efficiencyValues, latestCompleteYear, parkEfficiencySeries } from '../../src/domain/monitoring/park-efficiency.ts';
import { decodeDashboard, encodeDashboard, flowMetric, rankingFor, DEFAULT_DASHBOARD } from '../../src/app/state/dashboard-url.ts';

const row = (key: string, value: number | null, suppressed = false): IndicatorRow =>
  suppressed ? { key, label: key, value: null, enterprises: null, suppressed: true } : { key, label: key, value, enterprises: 5 };
const answer = (period: string, rows: IndicatorRow[], dataThrough = '2021-12'): IndicatorAnswer => ({
  metric: 'outputPerMu', period, cumulative: false, by: 'villagePark', unit: 'yuanPerMu', rows,
  total: row('', 1), demo: true, dataThrough, updatedAt: null,
});

describe('parkEfficiencySeries', () => {
  const output = [answer('2020', [row('7', 300_000), row('8', null, true)]), answer('2021', [row('7', 350_000)])];
  const tax = [answer('2020', [row('7', 12_000), row('8', null, true)]), answer('2021', [row('7', 15_000)])];

  it('reads one park per year, with suppression and gaps', () => {
    expect(parkEfficiencySeries(output, tax, 7)).toEqual([
      { year: '2020', outputPerMu: 300_000, taxPerMu: 12_000, suppressed: false },
      { year: '2021', outputPerMu: 350_000, taxPerMu: 15_000, suppressed: false },
    ]);
    expect(parkEfficiencySeries(output, undefined, 8)).toEqual([
      { year: '2020', outputPerMu: null, taxPerMu: null, suppressed: true },
      { year: '2021', outputPerMu: null, taxPerMu: null, suppressed: false },
    ]);
  });

  it('is null for a park none of whose enterprises reported (the baseline is shown)', () => {
    expect(parkEfficiencySeries(output, tax, 9)).toBeNull();
  });
});

describe('latestCompleteYear and efficiencyValues', () => {
  it('takes the latest year whose December is in the data', () => {
    const series = [answer('2020', [row('1', 5)], '2021-07'), answer('2021', [row('1', 6)], '2021-07')];
    expect(latestCompleteYear(series)?.period).toBe('2020');
    expect(latestCompleteYear([answer('2021', [], '2021-12'), answer('2020', [], '2021-12')])?.period).toBe('2021');
    expect(latestCompleteYear([answer('2021', [], '2021-11')])).toBeNull();
    expect(latestCompleteYear([answer('2021-Q4', [], '2021-12')])).toBeNull();
  });

  it('maps published rows only: suppressed and empty parks keep the baseline', () => {
    const v = efficiencyValues(answer('2021', [row('3', 410_000), row('4', null, true), row('5', null)]));
    expect([...v]).toEqual([[3, 410_000]]);
    expect(efficiencyValues(null).size).toBe(0);
  });
});

describe('dashboard per-mu metrics', () => {
  it('ranks per-mu metrics by park and shows the flow elsewhere', () => {
    expect(flowMetric('outputPerMu')).toBe('output');
    expect(flowMetric('taxPerMu')).toBe('tax');
    expect(flowMetric('revenue')).toBe('revenue');
    expect(rankingFor('outputPerMu', 'district')).toBe('villagePark');
    expect(rankingFor('taxPerMu', 'valuePark')).toBe('valuePark');
    expect(rankingFor('output', 'town')).toBe('town');
  });

  it('a link with a per-mu metric and a district ranking opens ranked by village park', () => {
    expect(decodeDashboard('?p=2021&m=outputPerMu&rk=district').ranking).toBe('villagePark');
    const s = { ...DEFAULT_DASHBOARD, metric: 'taxPerMu' as const, ranking: 'valuePark' as const };
    expect(decodeDashboard(encodeDashboard(s))).toMatchObject({ metric: 'taxPerMu', ranking: 'valuePark' });
  });
});
