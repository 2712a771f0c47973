// Who may do what (src/domain/permissions.ts): the one table the server enforces and the app shows.
import { describe, expect, it } from 'vitest';
import {
  CONFIDENTIAL_READERS, HISTORY_READERS, PARK_EDITORS, ROLES, isAdmin, isRole, mayDecideProposals, mayEditAnyPark, mayEditPark, mayImport,
  mayReadConfidential, mayRequestReports, maySeeHistory, maySeePilots, maySeeProposals, maySeeSuggestions, workflowActor, type Role, type RoleHolder,
} from '../../src/domain/permissions.ts';

const admin: RoleHolder = { role: 'admin', district: null };
const official: RoleHolder = { role: 'official', district: '440106' };
const planner: RoleHolder = { role: 'planner', district: null };
const viewer: RoleHolder = { role: 'viewer', district: null };
const everyone = [null, undefined, admin, official, planner, viewer];
const who = (u: RoleHolder | null | undefined) => u?.role ?? 'public';
const allowed = (rule: (u: RoleHolder | null | undefined) => boolean) => everyone.filter(rule).map(who);

describe('roles', () => {
  it('has the four roles of the users.role CHECK and recognises only them', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'official', 'planner', 'viewer']);
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    for (const bad of ['public', 'Admin', '', null, 1]) expect(isRole(bad)).toBe(false);
  });
});

describe('who may do what', () => {
  it('gives confidential figures, history, proposals, suggestions and pilots to staff only', () => {
    for (const rule of [mayReadConfidential, maySeeHistory, maySeeProposals, maySeeSuggestions, maySeePilots])
      expect(allowed(rule)).toEqual(['admin', 'official', 'planner']);
    // The lists the server's requireUser gets are the same the predicates read.
    expect([...HISTORY_READERS].sort()).toEqual([...CONFIDENTIAL_READERS].sort());
  });

  it('keeps administrators\' decisions with administrators', () => {
    for (const rule of [isAdmin, mayDecideProposals, mayImport]) expect(allowed(rule)).toEqual(['admin']);
    expect(allowed(mayRequestReports)).toEqual(['admin', 'planner']);
  });

  it('lets administrators edit any park and officials only their district\'s', () => {
    expect(allowed(mayEditAnyPark)).toEqual(['admin', 'official']);
    expect([...PARK_EDITORS].sort()).toEqual(['admin', 'official']);
    expect(mayEditPark(admin, '440106')).toBe(true);
    expect(mayEditPark(official, '440106')).toBe(true);
    expect(mayEditPark(official, '440111')).toBe(false);
    // An official without a district (never created by the users route) edits nothing.
    expect(mayEditPark({ role: 'official', district: null }, '440106')).toBe(false);
    for (const u of [planner, viewer, null]) expect(mayEditPark(u, '440106')).toBe(false);
  });

  it('puts administrators on the city\'s side of the workflow and every other role on the district\'s', () => {
    const sides = Object.fromEntries(ROLES.map((role: Role) => [role, workflowActor({ role })]));
    expect(sides).toEqual({ admin: 'admin', official: 'official', planner: 'official', viewer: 'official' });
  });
});
