import { describe, expect, it } from 'vitest';
import { applyChange, transitionProblem, type ParkStatus } from '../../src/domain/renovation-workflow.ts';

const s = (category: ParkStatus['category'], progress: ParkStatus['progress'], pilotYear: number | null = null): ParkStatus => ({ category, progress, pilotYear });

describe('renovation workflow', () => {
  it('lets an unclassified park get a path, and start work in the same change', () => {
    expect(transitionProblem(s('unclassified', 'not_started'), { category: 'upgrade' }, 'official')).toBeNull();
    expect(transitionProblem(s('unclassified', 'not_started'), { category: 'convert', progress: 'in_progress' }, 'official')).toBeNull();
  });

  it('forbids starting work without a category', () => {
    expect(transitionProblem(s('unclassified', 'not_started'), { progress: 'in_progress' }, 'admin')).toMatch(/category/);
  });

  it('follows the progress steps and refuses to skip one', () => {
    expect(transitionProblem(s('upgrade', 'not_started'), { progress: 'in_progress' }, 'official')).toBeNull();
    expect(transitionProblem(s('upgrade', 'in_progress'), { progress: 'completed' }, 'official')).toBeNull();
    expect(transitionProblem(s('upgrade', 'in_progress'), { progress: 'not_started' }, 'official')).toBeNull();
    expect(transitionProblem(s('upgrade', 'not_started'), { progress: 'completed' }, 'official')).toMatch(/cannot go/);
  });

  it('fixes the path once work has started', () => {
    expect(transitionProblem(s('eliminate', 'in_progress'), { category: 'upgrade' }, 'admin')).toMatch(/cannot change/);
    expect(transitionProblem(s('eliminate', 'completed'), { category: 'unclassified' }, 'admin')).toMatch(/cannot change/);
    expect(transitionProblem(s('eliminate', 'not_started'), { category: 'convert' }, 'official')).toBeNull();
  });

  it('lets only administrators reopen a completed renovation', () => {
    expect(transitionProblem(s('convert', 'completed'), { progress: 'in_progress' }, 'official')).toMatch(/administrator/);
    expect(transitionProblem(s('convert', 'completed'), { progress: 'in_progress' }, 'admin')).toBeNull();
    expect(transitionProblem(s('convert', 'completed'), { progress: 'not_started' }, 'admin')).toMatch(/cannot go/);
  });

  it('checks pilot years and keeps eliminated parks out of the pilots', () => {
    expect(transitionProblem(s('upgrade', 'in_progress'), { pilotYear: 2020 }, 'official')).toBeNull();
    expect(transitionProblem(s('upgrade', 'in_progress'), { pilotYear: 2018 }, 'official')).toMatch(/Pilot year/);
    expect(transitionProblem(s('eliminate', 'not_started'), { pilotYear: 2020 }, 'official')).toMatch(/pilot/);
    expect(transitionProblem(s('upgrade', 'not_started', 2020), { category: 'eliminate' }, 'official')).toMatch(/pilot/);
    expect(transitionProblem(s('upgrade', 'not_started', 2020), { category: 'eliminate', pilotYear: null }, 'official')).toBeNull();
  });

  it('refuses a change that changes nothing', () => {
    expect(transitionProblem(s('upgrade', 'in_progress'), { progress: 'in_progress' }, 'official')).toMatch(/does not change/);
  });

  it('applies a partial change, keeping the other fields', () => {
    expect(applyChange(s('upgrade', 'in_progress', 2019), { progress: 'completed' })).toEqual(s('upgrade', 'completed', 2019));
    expect(applyChange(s('upgrade', 'in_progress', 2019), { pilotYear: null })).toEqual(s('upgrade', 'in_progress', null));
  });
});
