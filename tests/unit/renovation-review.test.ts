// Which changes wait for the city's review (src/domain/renovation-review.ts): the rule the server
// applies to PATCHes, proposals and bulk rows, and the edit form uses for its notice.
import { describe, expect, it } from 'vitest';
import { ALL_REVIEWED, reviewKinds, rulesOf } from '../../src/domain/renovation-review.ts';
import type { ParkStatus } from '../../src/domain/renovation-workflow.ts';

const s = (category: ParkStatus['category'], progress: ParkStatus['progress'], pilotYear: number | null = null): ParkStatus => ({ category, progress, pilotYear });

describe('review of district changes', () => {
  it('names each kind an official\'s change holds, in a fixed order', () => {
    expect(reviewKinds(s('unclassified', 'not_started'), { category: 'upgrade' }, 'official', ALL_REVIEWED)).toEqual(['category']);
    expect(reviewKinds(s('upgrade', 'not_started'), { category: 'unclassified' }, 'official', ALL_REVIEWED)).toEqual(['category']);
    expect(reviewKinds(s('upgrade', 'in_progress'), { progress: 'completed' }, 'official', ALL_REVIEWED)).toEqual(['completion']);
    expect(reviewKinds(s('unclassified', 'not_started'), { pilotYear: 2020, category: 'convert', progress: 'in_progress' }, 'official', ALL_REVIEWED)).toEqual(['category', 'pilot']);
    expect(reviewKinds(s('upgrade', 'in_progress', 2020), { progress: 'completed', pilotYear: null }, 'official', ALL_REVIEWED)).toEqual(['pilot', 'completion']);
  });

  it('counts a nomination, a change of year and a withdrawal as pilot changes', () => {
    expect(reviewKinds(s('upgrade', 'not_started'), { pilotYear: 2019 }, 'official', ALL_REVIEWED)).toEqual(['pilot']);
    expect(reviewKinds(s('upgrade', 'not_started', 2019), { pilotYear: 2021 }, 'official', ALL_REVIEWED)).toEqual(['pilot']);
    expect(reviewKinds(s('upgrade', 'not_started', 2019), { pilotYear: null }, 'official', ALL_REVIEWED)).toEqual(['pilot']);
    expect(reviewKinds(s('upgrade', 'not_started', 2019), { pilotYear: 2019 }, 'official', ALL_REVIEWED)).toEqual([]);
  });

  it('lets progress updates through: starting, suspending, and fields that keep their value', () => {
    expect(reviewKinds(s('upgrade', 'not_started'), { progress: 'in_progress' }, 'official', ALL_REVIEWED)).toEqual([]);
    expect(reviewKinds(s('upgrade', 'in_progress'), { progress: 'not_started' }, 'official', ALL_REVIEWED)).toEqual([]);
    expect(reviewKinds(s('upgrade', 'not_started'), { category: 'upgrade', progress: 'in_progress' }, 'official', ALL_REVIEWED)).toEqual([]);
  });

  it('never holds back an administrator', () => {
    expect(reviewKinds(s('unclassified', 'not_started'), { category: 'eliminate' }, 'admin', ALL_REVIEWED)).toEqual([]);
    expect(reviewKinds(s('upgrade', 'in_progress'), { progress: 'completed', pilotYear: 2021 }, 'admin', ALL_REVIEWED)).toEqual([]);
  });

  it('follows the rules as configured', () => {
    const onlyCompletion = rulesOf(['completion']);
    expect(onlyCompletion).toEqual({ category: false, pilot: false, completion: true });
    expect(reviewKinds(s('unclassified', 'not_started'), { category: 'upgrade', pilotYear: 2020 }, 'official', onlyCompletion)).toEqual([]);
    expect(reviewKinds(s('upgrade', 'in_progress'), { progress: 'completed', pilotYear: 2020 }, 'official', onlyCompletion)).toEqual(['completion']);
    expect(reviewKinds(s('upgrade', 'in_progress'), { progress: 'completed' }, 'official', rulesOf([]))).toEqual([]);
    expect(rulesOf(['category', 'demolition'])).toEqual({ category: true, pilot: false, completion: false });
  });
});
