// The indicator engine's asOf (architecture §5, "Reports"): the answer as the figures stood at the end
// of a China day. A revision recorded after that day must not change it; one recorded on or before
// it must; a month first reported later is not in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../src/domain/enterprise-filter.ts';
import type { IndicatorAnswer, IndicatorQuery } from '../../src/domain/monitoring/indicators.ts';
import { computeIndicators, endOfChinaDay } from '../../src/server/monitoring/indicator-engine.ts';
import { refreshMonths } from '../../src/server/monitoring/rollups.ts';
import { backends, copyTemplate, type TestDatabase } from '../helpers/test-db.ts';

const LOADED = '2022-01-10T02:00:00Z';
/** 2022-03-02 00:30 in China: after the end of 2022-03-01 there, still 1 March in UTC. */
const REVISED = '2022-03-01T16:30:00Z';

const values = (a: IndicatorAnswer) => Object.fromEntries([['', a.total.value], ...a.rows.map((r) => [r.key, r.value])]);

describe('endOfChinaDay', () => {
  it('is midnight after the day in UTC+8', () => {
    expect(endOfChinaDay('2022-03-01')).toBe('2022-03-01T16:00:00.000Z');
    expect(() => endOfChinaDay('2022-3-1')).toThrow(/asOf/);
  });
});

describe.each(backends())('indicator engine asOf (%s)', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await copyTemplate(backend);
  });
  afterAll(() => t.drop());

  it('a revision after day D does not change the answer as of D', async () => {
    const db = t.db;
    // The seed was written just now: pretend it was loaded on 10 January 2022.
    await db.query('UPDATE operating_figures SET recorded_at = $1::timestamptz', [LOADED]);
    const opts = { confidential: true, lang: 'zh-Hans' as const };
    const q: IndicatorQuery = { metric: 'revenue', period: '2021', cumulative: true, by: 'cluster', filter: EMPTY_FILTER, compare: ['lastYear'] };
    const original = await computeIndicators(db, q, opts);
    expect(original.dataThrough).toBe('2021-12');
    const viewerQ: IndicatorQuery = { ...q, by: 'district' };
    const viewerOriginal = await computeIndicators(db, viewerQ, { confidential: false, lang: 'zh-Hans' });

    // On 2 March 2022 (China), 60 firms revise June 2021, and one firm files January 2022 for the first time.
    const firms = (await db.query<{ id: number }>('SELECT DISTINCT enterprise_id AS id FROM operating_figures WHERE month = 202106 ORDER BY 1 LIMIT 60')).map((r) => r.id);
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO operating_figures_history (enterprise_id, month, revenue, output, value_added, value_added_estimated, profit, tax, employees, source, import_id, recorded_at, superseded_at)
        SELECT enterprise_id, month, revenue, output, value_added, value_added_estimated, profit, tax, employees, source, import_id, recorded_at, $2::timestamptz
        FROM operating_figures WHERE month = 202106 AND enterprise_id = ANY($1::int[])`, [firms, REVISED]);
      await tx.query(`UPDATE operating_figures SET revenue = revenue * 2 + 1000000, recorded_at = $2::timestamptz WHERE month = 202106 AND enterprise_id = ANY($1::int[])`, [firms, REVISED]);
      await tx.query(`INSERT INTO operating_figures (enterprise_id, month, revenue, output, value_added, profit, tax, employees, source, recorded_at)
        SELECT enterprise_id, 202201, revenue, output, value_added, profit, tax, employees, 'import', $2::timestamptz FROM operating_figures WHERE month = 202112 AND enterprise_id = $1`, [firms[0], REVISED]);
      await refreshMonths(tx, [202106, 202201]);
    });

    const latest = await computeIndicators(db, q, opts);
    expect(latest.total.value! - original.total.value!).toBeGreaterThan(60 * 1_000_000);
    expect(latest.dataThrough).toBe('2022-01');

    // As of 1 March (China): the vintage before the revision, group by group, on the detail path.
    const asOfD = await computeIndicators(db, q, { ...opts, asOf: '2022-03-01' });
    const want = values(original);
    for (const [k, v] of Object.entries(values(asOfD))) expect(v, `group ${k}`).toBeCloseTo(want[k] as number, 0);
    expect(asOfD.rows.map((r) => r.enterprises)).toEqual(original.rows.map((r) => r.enterprises));
    expect(asOfD.dataThrough).toBe('2021-12');

    // As of 2 March: the revision counts (the rollup path answers; no row is newer than that day).
    const asOfNext = await computeIndicators(db, q, { ...opts, asOf: '2022-03-02' });
    expect(values(asOfNext)).toEqual(values(latest));
    expect(asOfNext.dataThrough).toBe('2022-01');

    // Before the figures were loaded: nothing.
    const early = await computeIndicators(db, { ...q, by: 'none' }, { ...opts, asOf: '2022-01-09' });
    expect(early.total.value).toBeNull();
    expect(early.dataThrough).toBeNull();

    // Viewers get the same vintage, suppressed the same way.
    const viewer = await computeIndicators(db, viewerQ, { confidential: false, lang: 'zh-Hans', asOf: '2022-03-01' });
    const got = values(viewer);
    for (const [k, v] of Object.entries(values(viewerOriginal))) {
      if (v === null) expect(got[k], `district ${k}`).toBeNull();
      else expect(got[k], `district ${k}`).toBeCloseTo(v as number, 0);
    }
  });
});
