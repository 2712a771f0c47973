// Early-warning rules in the domain: parameter validation, the checks the server's SQL is built
// from, the order of the list, the seed file, and the UI strings every kind and parameter needs.
import { describe, expect, it } from 'vitest';
import {
  compareWarnings, fallFactor, fellBy, isBehindTarget, isWarningKind, muOfKm2, PARAM_SPECS, proRataThreshold, PUBLIC_KINDS, SEVERITIES,
  validateParams, WARNING_KINDS, type Warning,
} from '../../src/domain/monitoring/warnings.ts';
import { LANGS, taxonomy } from '../../src/domain/taxonomy.ts';
import { ruleParamLabel, severityLabel, subjectLabel, warningKindLabel, warningRuleText } from '../../src/app/i18n/labels.ts';
import { loadMessages } from '../../src/app/i18n/messages.ts';
import seed from '../../seeds/warning-rules.json' with { type: 'json' };

describe('rule parameters', () => {
  it('accepts exactly the parameters of the kind, within bounds', () => {
    expect(validateParams('enterpriseRevenueDrop', { percent: 30 })).toEqual({ ok: true, params: { percent: 30 } });
    expect(validateParams('enterpriseRevenueDrop', { percent: 1 })).toMatchObject({ ok: true });
    expect(validateParams('enterpriseRevenueDrop', { percent: 100 })).toMatchObject({ ok: true });
    expect(validateParams('clusterBehindTarget', { tolerance: 0 })).toMatchObject({ ok: true });
    expect(validateParams('belowThreshold', { annualRevenue: 20_000_000 })).toMatchObject({ ok: true });
  });

  it('names the parameter and says what is wrong', () => {
    expect(validateParams('enterpriseRevenueDrop', { percent: 0 })).toEqual({ ok: false, field: 'params.percent', message: 'must be between 1 and 100' });
    expect(validateParams('enterpriseRevenueDrop', { percent: 100.5 })).toMatchObject({ ok: false, field: 'params.percent' });
    expect(validateParams('enterpriseRevenueDrop', {})).toEqual({ ok: false, field: 'params.percent', message: 'is required' });
    expect(validateParams('enterpriseRevenueDrop', { percent: '30' })).toEqual({ ok: false, field: 'params.percent', message: 'must be a number' });
    expect(validateParams('enterpriseRevenueDrop', { percent: Number.NaN })).toMatchObject({ ok: false, message: 'must be a number' });
    expect(validateParams('enterpriseRevenueDrop', { percent: Infinity })).toMatchObject({ ok: false, message: 'must be a number' });
    const unknown = validateParams('enterpriseRevenueDrop', { percent: 30, months: 3 });
    expect(unknown).toMatchObject({ ok: false, field: 'params.months' });
    expect(!unknown.ok && unknown.message).toContain('percent');
    for (const bad of [null, [], 30, 'x'])
      expect(validateParams('parkOutputPerMuFell', bad)).toEqual({ ok: false, field: 'params', message: 'must be an object of numbers' });
    expect(validateParams('belowThreshold', { annualRevenue: 100 })).toMatchObject({ ok: false, field: 'params.annualRevenue' });
  });

  it('every kind has parameters with sensible bounds', () => {
    for (const kind of WARNING_KINDS) {
      expect(PARAM_SPECS[kind].length).toBeGreaterThan(0);
      for (const s of PARAM_SPECS[kind]) expect(s.min).toBeLessThan(s.max);
    }
  });
});

describe('the checks', () => {
  it('a fall of more than the percentage, against a positive earlier figure', () => {
    expect(fallFactor(30)).toBeCloseTo(0.7, 12);
    expect(fellBy(60, 100, 30)).toBe(true);
    expect(fellBy(80, 100, 30)).toBe(false);
    expect(fellBy(70, 100, 30)).toBe(false); // exactly 30 %: not more than
    expect(fellBy(69.99, 100, 30)).toBe(true);
    expect(fellBy(0, 0, 30)).toBe(false); // nothing to compare with
    expect(fellBy(-5, -1, 30)).toBe(false);
  });

  it('behind target: growth below the growth still needed, less the tolerance in points', () => {
    expect(isBehindTarget(0.05, 0.1, 0)).toBe(true);
    expect(isBehindTarget(0.1, 0.1, 0)).toBe(false);
    expect(isBehindTarget(0.05, 0.1, 5)).toBe(false);
    expect(isBehindTarget(0.049, 0.1, 5)).toBe(true);
    expect(isBehindTarget(-0.2, -0.1, 0)).toBe(true); // target already reached, but shrinking faster than it allows
  });

  it('the above-scale standard pro rata, and mu from square kilometres', () => {
    expect(proRataThreshold(20_000_000, 12)).toBe(20_000_000);
    expect(proRataThreshold(20_000_000, 3)).toBe(5_000_000);
    expect(proRataThreshold(20_000_000, 1)).toBeCloseTo(1_666_666.67, 1);
    expect(muOfKm2(1, taxonomy.muInSquareMetres)).toBeCloseTo(1500, 0);
  });

  it('only cluster warnings are public', () => {
    expect([...PUBLIC_KINDS]).toEqual(['clusterBehindTarget']);
  });
});

describe('the order of the list', () => {
  const w = (rule: string, kind: Warning['kind'], severity: Warning['severity'], previous: number | null, id: number): Warning => ({
    rule, kind, severity, previous, value: 0, threshold: 0, change: null, subject: { type: 'enterprise', id, name: `e${id}`, district: '440103' },
  });

  it('severity first, then kind, then the bigger subject, then id', () => {
    const list = [
      w('drop', 'enterpriseRevenueDrop', 'medium', 10, 1),
      w('park', 'parkOutputPerMuFell', 'low', 1e9, 2),
      w('drop', 'enterpriseRevenueDrop', 'medium', 500, 3),
      w('cluster', 'clusterBehindTarget', 'high', 1, 4),
      w('below', 'belowThreshold', 'medium', 1e12, 5),
      w('drop', 'enterpriseRevenueDrop', 'medium', 500, 0),
      w('drop', 'enterpriseRevenueDrop', 'medium', null, 6),
    ];
    expect([...list].sort(compareWarnings).map((x) => x.subject.id)).toEqual([4, 0, 3, 1, 6, 5, 2]);
  });
});

describe('seeds/warning-rules.json', () => {
  it('holds one valid rule per kind, with unique codes', () => {
    const codes = seed.rules.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(seed.rules.map((r) => r.kind).sort()).toEqual([...WARNING_KINDS].sort());
    for (const r of seed.rules) {
      expect(isWarningKind(r.kind), r.code).toBe(true);
      expect(validateParams(r.kind as (typeof WARNING_KINDS)[number], r.params), r.code).toMatchObject({ ok: true });
      expect(SEVERITIES).toContain(r.severity);
      expect(typeof r.enabled).toBe('boolean');
    }
  });

  it('uses the issue\'s defaults: 30 % revenue drop, the 2000万 above-scale standard', () => {
    expect(seed.rules.find((r) => r.kind === 'enterpriseRevenueDrop')!.params).toEqual({ percent: 30 });
    expect(seed.rules.find((r) => r.kind === 'belowThreshold')!.params).toEqual({ annualRevenue: 20_000_000 });
  });
});

describe('UI strings', () => {
  it('every kind, severity, subject and parameter has a label in every language', async () => {
    for (const lang of LANGS) {
      await loadMessages(lang);
      for (const kind of WARNING_KINDS) {
        expect(warningKindLabel(kind, lang)).toBeTruthy();
        expect(warningRuleText(kind, lang, '30.0%')).not.toContain('{');
        for (const s of PARAM_SPECS[kind]) expect(ruleParamLabel(s.name, lang), `${kind}.${s.name}`).not.toBe(s.name);
      }
      for (const s of SEVERITIES) expect(severityLabel(s, lang)).toBeTruthy();
      for (const t of ['cluster', 'enterprise', 'villagePark', 'valuePark'] as const) expect(subjectLabel(t, lang)).toBeTruthy();
    }
    expect(warningRuleText('enterpriseRevenueDrop', 'zh-Hans', '30.0%')).toBe('营业收入比上年同期下降超过 30.0%');
    expect(warningRuleText('enterpriseRevenueDrop', 'en', '30.0%')).toBe('Revenue down more than 30.0% on the same period last year');
  });
});
