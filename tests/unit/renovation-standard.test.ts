// The classification standard's evaluation (src/domain/renovation-standard.ts) on hand-made parks:
// first matching rule wins, reasons as data, missing figures, zones (intersects / within / outside,
// and outside only where the layer exists), contradictions, the preview counts and rule validation.
import { describe, expect, it } from 'vitest';
import {
  comparePreview, DEFAULT_STANDARD_RULES, evaluateStandard, metricValue, validateRules, zoneTypeOf,
  type StandardContext, type StandardParkFacts, type StandardRule,
} from '../../src/domain/renovation-standard.ts';

const park = (over: Partial<StandardParkFacts> = {}): StandardParkFacts => ({
  id: 1, district: '440111', category: 'upgrade', outputPerMu: 500_000, taxPerMu: 30_000, efficiencySource: 'enterprises', efficiencyYear: '2021',
  areaMu: 100, buildingAreaM2: 50_000, zones: [], ...over,
});
const none: StandardContext = { zoneTypesLoaded: new Set() };
const all: StandardContext = { zoneTypesLoaded: new Set(['ecologicalRedLine', 'basicFarmland', 'waterSourceProtection', 'industrialControlLine', 'urbanRenewal']) };

describe('evaluateStandard', () => {
  it('takes the first rule whose conditions all hold, with one reason per condition', () => {
    const rules: StandardRule[] = [
      { category: 'eliminate', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 100_000 }] },
      { category: 'convert', conditions: [{ kind: 'metric', metric: 'taxPerMu', op: 'lt', value: 40_000 }, { kind: 'metric', metric: 'plotRatio', op: 'lt', value: 1 }] },
      { category: 'upgrade', conditions: [] },
    ];
    const s = evaluateStandard(rules, park({ category: 'eliminate' }), none);
    expect(s).toMatchObject({ suggested: 'convert', rule: 2, contradicts: true });
    expect(s.reasons).toEqual([
      { code: 'metric', params: { metric: 'taxPerMu', op: 'lt', threshold: 40_000, value: 30_000, source: 'enterprises', year: '2021' } },
      { code: 'metric', params: { metric: 'plotRatio', op: 'lt', threshold: 1, value: 50_000 / (100 * 666.67), source: 'baseline', year: null } },
    ]);
    const low = evaluateStandard(rules, park({ outputPerMu: 90_000, category: 'eliminate' }), none);
    expect(low).toMatchObject({ suggested: 'eliminate', rule: 1, contradicts: false });
    const rich = evaluateStandard(rules, park({ taxPerMu: 90_000 }), none);
    expect(rich).toMatchObject({ suggested: 'upgrade', rule: 3, contradicts: false, reasons: [{ code: 'otherwise', params: {} }] });
  });

  it('never satisfies a condition with a missing figure, and suggests nothing when no rule holds', () => {
    const rules: StandardRule[] = [{ category: 'eliminate', conditions: [{ kind: 'metric', metric: 'taxPerMu', op: 'lt', value: 1e9 }] }];
    expect(evaluateStandard(rules, park({ taxPerMu: null }), none)).toMatchObject({ suggested: null, rule: null, reasons: [], contradicts: false });
    expect(metricValue(park({ areaMu: 0 }), 'plotRatio')).toBeNull();
    expect(metricValue(park({ areaMu: null }), 'plotRatio')).toBeNull();
  });

  it('reads zones: intersects, within, and outside only where the layer exists', () => {
    const rules: StandardRule[] = [
      { category: 'eliminate', conditions: [{ kind: 'zone', zoneType: 'ecologicalRedLine', relation: 'within' }] },
      { category: 'convert', conditions: [{ kind: 'zone', zoneType: 'urbanRenewal', relation: 'intersects' }, { kind: 'zone', zoneType: 'industrialControlLine', relation: 'outside' }] },
      { category: 'upgrade', conditions: [] },
    ];
    const edge = park({ zones: [{ type: 'ecologicalRedLine', name: '白云山', within: false }] });
    expect(evaluateStandard(rules, edge, all).suggested).toBe('upgrade');
    const inside = park({ zones: [{ type: 'ecologicalRedLine', name: '白云山', within: true }, { type: 'ecologicalRedLine', name: '帽峰山', within: true }] });
    expect(evaluateStandard(rules, inside, all)).toMatchObject({ suggested: 'eliminate', reasons: [{ code: 'zone', params: { zoneType: 'ecologicalRedLine', relation: 'within', zones: ['帽峰山', '白云山'] } }] });
    const renewal = park({ zones: [{ type: 'urbanRenewal', name: '更新单元A', within: false }] });
    expect(evaluateStandard(rules, renewal, all)).toMatchObject({ suggested: 'convert', rule: 2,
      reasons: [{ code: 'zone', params: { zoneType: 'urbanRenewal', relation: 'intersects', zones: ['更新单元A'] } }, { code: 'outsideZone', params: { zoneType: 'industrialControlLine' } }] });
    // Without the control line layer nobody can say the park is outside it.
    expect(evaluateStandard(rules, renewal, { zoneTypesLoaded: new Set(['urbanRenewal']) }).suggested).toBe('upgrade');
    const kept = park({ zones: [{ type: 'urbanRenewal', name: '更新单元A', within: false }, { type: 'industrialControlLine', name: '区块1', within: true }] });
    expect(evaluateStandard(rules, kept, all).suggested).toBe('upgrade');
  });

  it('flags a contradiction only for a classified park', () => {
    const rules: StandardRule[] = [{ category: 'eliminate', conditions: [] }];
    expect(evaluateStandard(rules, park({ category: 'unclassified' }), none).contradicts).toBe(false);
    expect(evaluateStandard(rules, park({ category: 'convert' }), none).contradicts).toBe(true);
    expect(evaluateStandard(rules, park({ category: 'eliminate' }), none).contradicts).toBe(false);
  });

  it('default version 1: protected land first, then the least efficient, weak parks outside the control line convert, the rest upgrade', () => {
    const rules = DEFAULT_STANDARD_RULES;
    expect(evaluateStandard(rules, park({ outputPerMu: 50_000, taxPerMu: 1_000, zones: [{ type: 'basicFarmland', name: '农田', within: false }] }), all)).toMatchObject({ suggested: 'eliminate', rule: 2 });
    expect(evaluateStandard(rules, park({ outputPerMu: 100_000, taxPerMu: 5_000 }), none)).toMatchObject({ suggested: 'eliminate', rule: 4 });
    expect(evaluateStandard(rules, park({ outputPerMu: 100_000, taxPerMu: 9_000 }), none)).toMatchObject({ suggested: 'upgrade', rule: 7 });
    expect(evaluateStandard(rules, park({ outputPerMu: 200_000 }), all)).toMatchObject({ suggested: 'convert', rule: 6 });
    expect(evaluateStandard(rules, park({ outputPerMu: 200_000 }), none)).toMatchObject({ suggested: 'upgrade', rule: 7 });
  });
});

describe('comparePreview', () => {
  it('counts the parks that move from → to, overall and per district, and the contradictions', () => {
    const facts = [
      park({ id: 1, district: '440111', outputPerMu: 100_000, category: 'upgrade' }),
      park({ id: 2, district: '440111', outputPerMu: 250_000, category: 'convert' }),
      park({ id: 3, district: '440106', outputPerMu: 250_000, category: 'upgrade' }),
      park({ id: 4, district: '440106', outputPerMu: 900_000, category: 'upgrade' }),
      park({ id: 5, district: '440106', outputPerMu: null, category: 'unclassified' }),
    ];
    const from: StandardRule[] = [{ category: 'eliminate', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 150_000 }] }, { category: 'upgrade', conditions: [] }];
    const to: StandardRule[] = [
      { category: 'eliminate', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 150_000 }] },
      { category: 'convert', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: 300_000 }] },
    ];
    const a = facts.map((f) => evaluateStandard(from, f, none));
    const b = facts.map((f) => evaluateStandard(to, f, none));
    const p = comparePreview(a, b);
    expect(p.parks).toBe(5);
    expect(p.moved).toBe(4);
    expect(p.moves).toEqual([{ from: 'upgrade', to: 'convert', count: 2 }, { from: 'upgrade', to: 'none', count: 2 }]);
    expect(p.byDistrict).toEqual([
      { district: '440106', moved: 3, moves: [{ from: 'upgrade', to: 'convert', count: 1 }, { from: 'upgrade', to: 'none', count: 2 }] },
      { district: '440111', moved: 1, moves: [{ from: 'upgrade', to: 'convert', count: 1 }] },
    ]);
    expect(p.contradictions).toEqual({ from: 2, to: 2 });
  });
});

describe('validateRules and zone types', () => {
  it('accepts the default rules and cleans notes', () => {
    expect(validateRules(DEFAULT_STANDARD_RULES)).toMatchObject({ ok: true });
    const r = validateRules([{ category: 'upgrade', conditions: [], note: '  其余  ', extra: 1 }]);
    expect(r).toEqual({ ok: true, rules: [{ category: 'upgrade', conditions: [], note: '其余' }] });
  });

  it('names the rule, the condition and what is wrong', () => {
    expect(validateRules([])).toMatchObject({ ok: false, problem: { code: 'standard_rule_invalid', params: { rule: 0, reason: 'noRules' } } });
    expect(validateRules([{ category: 'keep', conditions: [] }])).toMatchObject({ ok: false, problem: { params: { rule: 1, reason: 'category' } } });
    expect(validateRules([{ category: 'upgrade', conditions: [] }, { category: 'convert', conditions: [{ kind: 'metric', metric: 'outputPerMu', op: 'lt', value: -1 }] }]))
      .toMatchObject({ ok: false, problem: { params: { rule: 2, condition: 1, reason: 'threshold' } } });
    expect(validateRules([{ category: 'convert', conditions: [{ kind: 'zone', zoneType: 'moon', relation: 'intersects' }] }])).toMatchObject({ ok: false, problem: { params: { reason: 'zoneType' } } });
    expect(validateRules([{ category: 'convert', conditions: [{ kind: 'zone', zoneType: 'urbanRenewal', relation: 'near' }] }])).toMatchObject({ ok: false, problem: { params: { reason: 'relation' } } });
    expect(validateRules(Array.from({ length: 51 }, () => ({ category: 'upgrade', conditions: [] })))).toMatchObject({ ok: false, problem: { params: { reason: 'tooManyRules' } } });
  });

  it('reads zone types from codes and labels in three scripts', () => {
    expect(zoneTypeOf('生态保护红线')).toBe('ecologicalRedLine');
    expect(zoneTypeOf('生態保護紅線')).toBe('ecologicalRedLine');
    expect(zoneTypeOf(' Basic Farmland ')).toBe('basicFarmland');
    expect(zoneTypeOf('城市更新')).toBe('urbanRenewal');
    expect(zoneTypeOf('工业产业区块')).toBe('industrialControlLine');
    expect(zoneTypeOf('公园')).toBeNull();
  });
});
