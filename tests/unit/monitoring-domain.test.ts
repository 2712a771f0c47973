// Domain rules of the monitoring data: the GB/T 4754 mapping, periods and their months, the
// cumulative ↔ monthly arithmetic, and statistical suppression.
import { describe, expect, it } from 'vitest';
import { estimateValueAdded, industryClassByCode, industryTable, lookupIndustryClass } from '../../src/domain/monitoring/industry-classes.ts';
import { formatPeriod, monthMask, monthlyFromCumulative, monthsOf, parsePeriod, previousPeriod, rollupKeys, samePeriodLastYear } from '../../src/domain/monitoring/periods.ts';
import { suppressionPlan } from '../../src/domain/monitoring/suppression.ts';
import { subIndustryByCode, taxonomy } from '../../src/domain/taxonomy.ts';
import targets from '../../seeds/targets.json' with { type: 'json' };

describe('GB/T 4754-2017 classes and the plan mapping', () => {
  it('holds the 31 manufacturing divisions and every class once, each inside its division', () => {
    expect(industryTable.divisions.map((d) => d.code)).toEqual(Array.from({ length: 31 }, (_, i) => String(13 + i)));
    const codes = industryTable.classes.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(550);
    for (const c of industryTable.classes) {
      expect(c.code).toMatch(/^\d{4}$/);
      expect(c.code.startsWith(c.division)).toBe(true);
      expect(c.clusterShare).toBeGreaterThan(0);
      expect(c.clusterShare).toBeLessThanOrEqual(1);
    }
    for (const d of industryTable.divisions) {
      for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(d.label[lang]).toBeTruthy();
      expect(d.vaRate).toBeGreaterThan(0.1);
      expect(d.vaRate).toBeLessThan(0.5);
    }
  });

  it('maps every class to one cluster and a sub-industry of that cluster, and every sub-industry has a class', () => {
    for (const c of industryTable.classes) expect(subIndustryByCode(c.subIndustry)?.cluster.code, c.code).toBe(c.cluster);
    const used = new Set(industryTable.classes.map((c) => c.subIndustry));
    for (const cl of taxonomy.clusters) for (const s of cl.subIndustries) expect(used.has(s.code), s.code).toBe(true);
    // A partial mapping is never silent: a share below 1 comes with a note.
    for (const c of industryTable.classes.filter((x) => x.clusterShare < 1)) expect(c.note, c.code).toBeTruthy();
  });

  it('knows the classes the plan names, with their official names and flags', () => {
    expect(industryClassByCode('3670')).toMatchObject({ name: '汽车零部件及配件制造', cluster: 'auto', subIndustry: 'auto-parts', advanced: true });
    expect(industryClassByCode('3612')).toMatchObject({ cluster: 'auto', subIndustry: 'nev' });
    expect(industryClassByCode('2682')).toMatchObject({ cluster: 'consumer', subIndustry: 'cosmetics' });
    expect(industryClassByCode('2761')).toMatchObject({ cluster: 'biomed', highTech: true });
    expect(industryClassByCode('1711')).toMatchObject({ cluster: 'other', subIndustry: 'other-manufacturing', highTech: false });
    expect(industryTable.classes.filter((c) => c.highTech).length).toBe(85);
  });

  it('reads a code the way statistics files write it', () => {
    for (const t of ['3670', 'C3670', ' 3670 汽车零部件及配件制造', '汽车零部件及配件制造', 'c３６７０']) expect(lookupIndustryClass(t)?.code, t).toBe('3670');
    expect(lookupIndustryClass('0111')).toBeUndefined();
    expect(lookupIndustryClass('9999')).toBeUndefined();
    expect(lookupIndustryClass('汽车')).toBeUndefined();
  });

  it('estimates value added with the division rate', () => {
    const rate = industryTable.divisions.find((d) => d.code === '36')!.vaRate;
    expect(estimateValueAdded(1_000_000, '3670')).toBe(Math.round(1_000_000 * rate));
  });
});

describe('periods', () => {
  it('parses years, quarters and months, and refuses the rest', () => {
    expect(parsePeriod('2021')).toEqual({ kind: 'year', year: 2021, index: 0, cumulative: true });
    expect(parsePeriod('2021-Q3')).toEqual({ kind: 'quarter', year: 2021, index: 3, cumulative: false });
    expect(parsePeriod('2021-07', true)).toEqual({ kind: 'month', year: 2021, index: 7, cumulative: true });
    for (const bad of ['2021-13', '2021-Q5', '21-07', '2021-7', 'abc', '1850']) expect(parsePeriod(bad), bad).toBeNull();
    expect(formatPeriod(parsePeriod('2021-Q3')!)).toBe('2021-Q3');
  });

  it('resolves a period to its months, the month mask and the stored rollups', () => {
    expect(monthsOf(parsePeriod('2021-Q2')!)).toEqual([202104, 202105, 202106]);
    expect(monthsOf(parsePeriod('2021-05', true)!)).toEqual([202101, 202102, 202103, 202104, 202105]);
    expect(monthsOf(parsePeriod('2021-Q2', true)!)).toHaveLength(6);
    expect(monthMask(parsePeriod('2021-02')!)).toBe(0b10);
    expect(monthMask(parsePeriod('2021-Q2')!)).toBe(0b111000);
    expect(monthMask(parsePeriod('2021')!)).toBe(0xfff);
    expect(rollupKeys(parsePeriod('2021-05', true)!)).toEqual(['2021-Q1', '2021-04', '2021-05']);
    expect(rollupKeys(parsePeriod('2021-Q3', true)!)).toEqual(['2021-Q1', '2021-Q2', '2021-Q3']);
    expect(rollupKeys(parsePeriod('2021-Q3')!)).toEqual(['2021-Q3']);
    expect(rollupKeys(parsePeriod('2021')!)).toEqual(['2021']);
  });

  it('compares with the period before and the same period last year', () => {
    expect(formatPeriod(previousPeriod(parsePeriod('2021-01')!))).toBe('2020-12');
    expect(formatPeriod(previousPeriod(parsePeriod('2021-Q1')!))).toBe('2020-Q4');
    expect(formatPeriod(previousPeriod(parsePeriod('2021-07', true)!))).toBe('2021-06');
    expect(previousPeriod(parsePeriod('2021-07', true)!).cumulative).toBe(true);
    expect(formatPeriod(samePeriodLastYear(parsePeriod('2021-Q2')!))).toBe('2020-Q2');
  });

  it('turns cumulative returns into months and back', () => {
    const cumulative = [120, 200, 330, 410];
    const months = cumulative.map((c, i) => monthlyFromCumulative(c, i ? cumulative[i - 1] : null));
    expect(months).toEqual([120, 80, 130, 80]);
    expect(months.reduce((s, m) => s + m, 0)).toBe(410);
    // A first return in July carries the year so far.
    expect(monthlyFromCumulative(700, null)).toBe(700);
  });
});

describe('suppression', () => {
  const cells = (...ns: number[]) => ns.map((n, i) => ({ enterprises: n, value: (i + 1) * 10 }));
  const total = (rows: { enterprises: number }[]) => ({ enterprises: rows.reduce((s, r) => s + r.enterprises, 0), value: 0 });

  it('hides cells under 3 enterprises and enough others that subtraction recovers none', () => {
    const rows = cells(1, 10, 4, 20);
    const plan = suppressionPlan(rows, total(rows), true);
    expect([...plan.rows].sort()).toEqual([0, 2]);
    const two = cells(1, 1, 30, 40);
    const p2 = suppressionPlan(two, total(two), true);
    // 1 + 1 enterprises: each could read the other's figure; a third cell joins.
    expect([...p2.rows].sort()).toEqual([0, 1, 2]);
    expect(suppressionPlan(cells(5, 6, 7), total(cells(5, 6, 7)), true).rows.size).toBe(0);
  });

  it('hides a total under 3 and every cell with it; overlapping groups (tags) need no complement', () => {
    const rows = cells(1, 1);
    expect(suppressionPlan(rows, total(rows), true)).toEqual({ rows: new Set([0, 1]), total: true });
    const tags = cells(2, 9, 9);
    expect([...suppressionPlan(tags, { enterprises: 12, value: 0 }, false).rows]).toEqual([0]);
  });
});

describe('targets seed', () => {
  it('holds the plan targets: six cluster scales, advanced manufacturing, pilots and value parks', () => {
    const clusterTargets = targets.targets.filter((t) => t.scope === 'cluster');
    expect(Object.fromEntries(clusterTargets.map((t) => [t.key, t.value / 1e8]))).toEqual({ auto: 6000, display: 2300, materials: 3000, consumer: 2000, equipment: 1200, biomed: 1000 });
    for (const c of taxonomy.clusters) if (c.target2021 !== null) expect(clusterTargets.find((t) => t.key === c.code)?.value).toBe(c.target2021 * 1e8);
    expect(targets.targets.find((t) => t.metric === 'amShare')?.value).toBe(0.7);
    expect(targets.targets.find((t) => t.metric === 'amValueAdded')?.value).toBe(3e11);
    expect(targets.targets.filter((t) => t.metric === 'pilotParks').map((t) => t.year)).toEqual([2019, 2020, 2021]);
  });
});
