// Permalinks: what the app writes it reads back; bad and unknown values are dropped with a warning
// while the rest of the link still applies.
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../src/domain/enterprise-filter.ts';
import { DEFAULT_STATE, decodeUrlState, encodeUrlState, stateFromUrl } from '../../src/app/state/url-state.ts';
import type { PermalinkState } from '../../src/app/state/types.ts';

const collect = () => {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => warnings.push(m) };
};

const full: PermalinkState = {
  center: [113.26543, 23.12987],
  zoom: 12.25,
  lang: 'en',
  layers: { enterprises: true, villageParks: false, valueParks: true, districts: false, keyProjects: true, industrialBlocks: true },
  overlay: 'efficiency',
  filter: {
    ...EMPTY_FILTER,
    clusters: ['auto'],
    subIndustries: ['cosmetics', 'robots'],
    futureIndustries: ['5g'],
    tags: ['srdi', 'high-tech'],
    revenueTiers: ['r1bn'],
    districts: ['440112'],
    towns: ['440111113'],
  },
  selected: { kind: 'enterprise', id: 4242 },
  basemap: true,
  area: { kind: 'buffer', target: { kind: 'park', id: 17 }, km: 2.5 },
  time: { kind: 'changes', from: '2020-01-01', to: '2021-06-30' },
  choropleth: { metric: 'tax', period: '2021-Q2' },
};

describe('permalink URL state', () => {
  it('reads time on the map: a date, or two dates earlier first', () => {
    const { warnings, warn } = collect();
    expect(decodeUrlState('?t=2020-06-30', warn).time).toEqual({ kind: 'asOf', date: '2020-06-30' });
    expect(decodeUrlState('?t=2020-01-01..2020-12-31', warn).time).toEqual({ kind: 'changes', from: '2020-01-01', to: '2020-12-31' });
    expect(warnings).toEqual([]);
    for (const bad of ['2020-02-30', '2020-12-31..2020-01-01', '2020-01-01..', 'yesterday', '2020-01-01..2020-02-01..2020-03-01']) expect(decodeUrlState(`?t=${bad}`, warn).time).toBeNull();
    expect(warnings).toHaveLength(5);
  });

  it('reads a district choropleth: metric and period', () => {
    const { warnings, warn } = collect();
    expect(decodeUrlState('?ch=output:2021', warn).choropleth).toEqual({ metric: 'output', period: '2021' });
    expect(decodeUrlState('?ch=amShare:2021', warn).choropleth).toBeNull();
    expect(decodeUrlState('?ch=output:2021-13', warn).choropleth).toBeNull();
    expect(warnings).toHaveLength(2);
  });

  it('round-trips every field', () => {
    const { warnings, warn } = collect();
    const qs = encodeUrlState(full);
    expect(stateFromUrl(qs, warn)).toEqual(full);
    expect(warnings).toEqual([]);
    expect(qs.length).toBeLessThan(200);
    expect(qs).toContain('ft=srdi,high-tech');
    expect(qs).toContain('a=b:p17:2.5');
  });

  it('round-trips the default view, every layer off and each kind of selection', () => {
    expect(stateFromUrl(encodeUrlState(DEFAULT_STATE))).toEqual(DEFAULT_STATE);
    const none = { ...DEFAULT_STATE, layers: { enterprises: false, villageParks: false, valueParks: false, districts: false, keyProjects: false, industrialBlocks: false } };
    expect(stateFromUrl(encodeUrlState(none)).layers).toEqual(none.layers);
    for (const kind of ['park', 'valuePark', 'enterprise'] as const) {
      expect(stateFromUrl(encodeUrlState({ ...DEFAULT_STATE, selected: { kind, id: 7 } })).selected).toEqual({ kind, id: 7 });
    }
  });

  it('rounds the view to a sensible precision', () => {
    const qs = encodeUrlState({ ...DEFAULT_STATE, center: [113.123456789, 23.987654321], zoom: 9.87654 });
    expect(qs).toContain('c=113.12346,23.98765');
    expect(qs).toContain('z=9.88');
  });

  it('an empty or unrelated query string gives the defaults without warnings', () => {
    const { warnings, warn } = collect();
    expect(stateFromUrl('', warn)).toEqual(DEFAULT_STATE);
    expect(stateFromUrl('?utm_source=mail', warn)).toEqual(DEFAULT_STATE);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['c=abc,23', 'longitude'],
    ['c=113.2', 'longitude,latitude'],
    ['c=0,0', 'longitude'],
    ['c=113.2,95', 'latitude'],
    ['c=,', 'longitude'],
    ['z=NaN', 'zoom'],
    ['z=99', 'zoom'],
    ['z=', 'zoom'],
    ['o=heat', 'overlay'],
    ['s=x12', 'selection'],
    ['s=p0', 'selection'],
    ['s=p-3', 'selection'],
    ['s=p12345678901', 'selection'],
    ['lang=fr', 'language'],
    ['l=dq', 'layer'],
  ])('ignores %s with a warning', (qs, word) => {
    const { warnings, warn } = collect();
    const decoded = decodeUrlState(`?${qs}`, warn);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(word);
    expect(() => stateFromUrl(`?${qs}`, () => undefined)).not.toThrow();
    const key = qs.split('=')[0];
    if (key !== 'l' && key !== 'c') expect(Object.keys(decoded)).toEqual([]);
  });

  it('keeps the valid part of a link with bad values', () => {
    const { warnings, warn } = collect();
    const s = stateFromUrl('?c=113.3,23.1&z=banana&o=prog&lang=de&s=v3', warn);
    expect(s.center).toEqual([113.3, 23.1]);
    expect(s.zoom).toBe(DEFAULT_STATE.zoom);
    expect(s.overlay).toBe('progress');
    expect(s.lang).toBe('zh-Hans');
    expect(s.selected).toEqual({ kind: 'valuePark', id: 3 });
    expect(warnings).toHaveLength(2);
  });

  it('drops unknown codes, keeps the known ones and removes duplicates', () => {
    const { warnings, warn } = collect();
    const s = stateFromUrl('?ft=srdi,unicorn,srdi&fc=auto,spaceships&fd=440111,110101&fw=440111113,440111999&fr=r1bn,r1tn&ff=,,5g', warn);
    expect(s.filter).toEqual({ ...EMPTY_FILTER, tags: ['srdi'], clusters: ['auto'], districts: ['440111'], towns: ['440111113'], revenueTiers: ['r1bn'], futureIndustries: ['5g'] });
    expect(warnings.join('\n')).toMatch(/unicorn[\s\S]*spaceships|spaceships[\s\S]*unicorn/);
    expect(warnings).toHaveLength(5);
  });

  it('survives hostile input', () => {
    const nasty = ['?c=%E0%A4%A', '?%%%', `?ft=${'x,'.repeat(10000)}`, '?s=<script>', '?c=1e400,1e400', '?l=%00', '?z=0x10'];
    for (const qs of nasty) expect(() => stateFromUrl(qs, () => undefined)).not.toThrow();
    expect(stateFromUrl('?z=0x10', () => undefined).zoom).toBe(DEFAULT_STATE.zoom);
  });

  it('reads the hidden-layers marker and the basemap flag', () => {
    expect(stateFromUrl('?l=-').layers).toEqual({ enterprises: false, villageParks: false, valueParks: false, districts: false, keyProjects: false, industrialBlocks: false });
    expect(stateFromUrl('?l=ep').layers).toEqual({ enterprises: true, villageParks: true, valueParks: false, districts: false, keyProjects: false, industrialBlocks: false });
    expect(stateFromUrl('?l=epvdk&s=k12').layers.keyProjects).toBe(true);
    // Industrial blocks: layer letter b, selection b<id>, the area blk:<id>.
    expect(stateFromUrl('?l=epvdb&s=b3&a=blk:3')).toMatchObject({ layers: { industrialBlocks: true, keyProjects: false }, selected: { kind: 'block', id: 3 }, area: { kind: 'block', id: 3 } });
    expect(encodeUrlState({ ...DEFAULT_STATE, area: { kind: 'block', id: 3 } })).toContain('a=blk:3');
    expect(stateFromUrl('?l=epvdk&s=k12').selected).toEqual({ kind: 'keyProject', id: 12 });
    // The default set (key projects off) stays out of the link.
    expect(encodeUrlState(DEFAULT_STATE)).not.toContain('l=');
    expect(stateFromUrl('?bm=1').basemap).toBe(true);
    expect(stateFromUrl('?bm=0').basemap).toBe(false);
  });
});
