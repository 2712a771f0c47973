// The sidebar's filter edits: parents and children of one facet stay consistent, and a filter is
// trimmed to what the loaded payload can answer.
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../src/domain/enterprise-filter.ts';
import { defaultDictionaries } from '../../src/domain/enterprise-payload.ts';
import { activeCount, filterForPayload, isChosen, toggleCode } from '../../src/app/state/filter-model.ts';

describe('filter model', () => {
  it('toggles a code on and off', () => {
    const on = toggleCode(EMPTY_FILTER, 'tags', 'srdi');
    expect(on.tags).toEqual(['srdi']);
    expect(toggleCode(on, 'tags', 'srdi').tags).toEqual([]);
    expect(EMPTY_FILTER.tags).toEqual([]);
  });

  it('a cluster replaces its chosen sub-industries, and a sub-industry replaces its cluster', () => {
    let f = toggleCode(EMPTY_FILTER, 'subIndustries', 'nev');
    f = toggleCode(f, 'subIndustries', 'cosmetics');
    f = toggleCode(f, 'clusters', 'auto');
    expect(f.clusters).toEqual(['auto']);
    expect(f.subIndustries).toEqual(['cosmetics']);
    expect(isChosen(f, 'subIndustries', 'icv')).toBe(true);
    f = toggleCode(f, 'subIndustries', 'icv');
    expect(f.clusters).toEqual([]);
    expect(f.subIndustries).toEqual(['cosmetics', 'icv']);
    expect(isChosen(f, 'subIndustries', 'nev')).toBe(false);
  });

  it('a district replaces its chosen towns, and a town replaces its district', () => {
    let f = toggleCode(EMPTY_FILTER, 'towns', '440111113');
    f = toggleCode(f, 'towns', '440112001');
    f = toggleCode(f, 'districts', '440111');
    expect(f.towns).toEqual(['440112001']);
    expect(isChosen(f, 'towns', '440111113')).toBe(true);
    f = toggleCode(f, 'towns', '440111113');
    expect(f.districts).toEqual([]);
    expect(activeCount(f)).toBe(2);
  });

  it('keeps only what the payload knows, and no revenue tiers without revenue', () => {
    const dict = { ...defaultDictionaries(), towns: ['440111113'] };
    const f = { ...EMPTY_FILTER, tags: ['srdi', 'unknown'], towns: ['440111113', '440112001'], revenueTiers: ['r1bn'] };
    expect(filterForPayload(f, dict, false)).toEqual({ ...EMPTY_FILTER, tags: ['srdi'], towns: ['440111113'] });
    expect(filterForPayload(f, dict, true).revenueTiers).toEqual(['r1bn']);
  });
});
