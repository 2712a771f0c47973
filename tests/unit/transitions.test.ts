import { describe, expect, it } from 'vitest';
import { legalTransitions } from '../../src/server/db/transitions.ts';
import { transitionProblem } from '../../src/domain/renovation-workflow.ts';

describe('legal transitions table (generated from the domain workflow)', () => {
  const rows = legalTransitions();
  const key = (r: (typeof rows)[number]) => JSON.stringify(r);

  it('contains only changes the workflow allows, none of them empty', () => {
    for (const r of rows) {
      expect(transitionProblem(r.from, r.to, r.actor)).toBeNull();
      expect(r.from).not.toEqual(r.to);
    }
    expect(new Set(rows.map(key)).size).toBe(rows.length);
  });

  it('gives administrators exactly the officials’ changes plus reopening', () => {
    const official = rows.filter((r) => r.actor === 'official');
    const admin = rows.filter((r) => r.actor === 'admin');
    const strip = (r: (typeof rows)[number]) => JSON.stringify({ from: r.from, to: r.to });
    const adminSet = new Set(admin.map(strip));
    for (const r of official) expect(adminSet.has(strip(r))).toBe(true);
    const extra = admin.filter((r) => !official.some((o) => strip(o) === strip(r)));
    expect(extra.length).toBeGreaterThan(0);
    for (const r of extra) expect([r.from.progress, r.to.progress]).toEqual(['completed', 'in_progress']);
  });

  it('includes the everyday steps and excludes skipping', () => {
    const has = (actor: string, from: object, to: object) => rows.some((r) => r.actor === actor && JSON.stringify(r.from) === JSON.stringify(from) && JSON.stringify(r.to) === JSON.stringify(to));
    expect(has('official', { category: 'upgrade', progress: 'not_started', pilotYear: null }, { category: 'upgrade', progress: 'in_progress', pilotYear: null })).toBe(true);
    expect(has('official', { category: 'upgrade', progress: 'not_started', pilotYear: null }, { category: 'upgrade', progress: 'completed', pilotYear: null })).toBe(false);
  });
});
