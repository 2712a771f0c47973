import { describe, it, expect } from 'vitest';
import {
  LANGS, taxonomy, label, clusterByCode, subIndustryByCode, revenueTierOf, districtByCode,
  isRenovationCategory, isRenovationProgress,
  type ClusterCode, type TagCode, type RenovationCategory, type RenovationProgress, type DistrictCode,
  type FutureIndustryCode, type ValueParkElementCode, type SubIndustryCode, type Label,
} from '../../src/domain/taxonomy';

// Every labelled entry in the taxonomy, with where it came from for failure messages.
function labelled(): { where: string; label: Label }[] {
  const out: { where: string; label: Label }[] = [{ where: 'sourceLabel', label: taxonomy.sourceLabel }];
  out.push({ where: 'unitTarget', label: taxonomy.unitTarget.label });
  const lists = {
    clusterLevels: taxonomy.clusterLevels, clusters: taxonomy.clusters, futureIndustries: taxonomy.futureIndustries,
    tagGroups: taxonomy.tagGroups, enterpriseTags: taxonomy.enterpriseTags, revenueTiers: taxonomy.revenueTiers,
    renovationCategories: taxonomy.renovationCategories, renovationProgress: taxonomy.renovationProgress,
    valueParkElements: taxonomy.valueParkElements, efficiencyIndicators: taxonomy.efficiencyIndicators,
    districts: taxonomy.districts,
  };
  for (const [name, list] of Object.entries(lists)) for (const e of list) out.push({ where: `${name}.${e.code}`, label: e.label });
  for (const c of taxonomy.clusters) for (const s of c.subIndustries) out.push({ where: `sub.${s.code}`, label: s.label });
  return out;
}

const codes = (list: readonly { code: string }[]) => list.map((e) => e.code);

// Simplified → Traditional pairs for the characters our labels use (制 only as in 制造/制药, 干 only as in
// 骨干/干细胞, 台 only as in 平台). A zh-Hant label must use the right-hand form and never the left.
const PAIRS = new Map(
  ('广廣 进進 制製 业業 强強 动動 计計 划劃 级級 国國 车車 网網 联聯 视視 频頻 显顯 与與 关關 键鍵 属屬 电電 费費 '
    + '绿綠 时時 饰飾 灯燈 响響 妆妝 装裝 备備 机機 轨軌 医醫 药藥 学學 现現 疗療 亿億 虚虛 拟擬 实實 干幹 细細 氢氫 '
    + '区區 块塊 链鏈 兹茲 个個 资資 质質 荣榮 誉譽 规規 单單 两兩 专專 隐隱 军軍 项項 术術 点點 万萬 类類 转轉 换換 '
    + '启啟 产產 龙龍 头頭 导導 创創 务務 台臺 亩畝 税稅 湾灣 云雲 黄黃 从從').split(' ').map((p) => [p[0], p[1]] as const),
);

describe('taxonomy labels', () => {
  it('has non-empty labels in all three languages', () => {
    expect(LANGS).toEqual(taxonomy.languages);
    for (const { where, label: l } of labelled()) for (const lang of LANGS) expect(l[lang]?.trim(), `${where} ${lang}`).toBeTruthy();
  });

  it('writes Traditional labels in Traditional characters', () => {
    expect(taxonomy.clusters[0].label).toMatchObject({ 'zh-Hans': '汽车', 'zh-Hant': '汽車' });
    let converted = 0;
    for (const { where, label: l } of labelled()) {
      const hans = [...l['zh-Hans']];
      const hant = [...l['zh-Hant']];
      // Same length in both scripts: a conversion changes characters, not wording.
      expect(hant.length, where).toBe(hans.length);
      for (const ch of hant) expect(PAIRS.has(ch), `${where}: ${l['zh-Hant']} keeps simplified ${ch}`).toBe(false);
      hans.forEach((ch, i) => { if (PAIRS.has(ch)) expect(hant[i], `${where}: ${ch}`).toBe(PAIRS.get(ch)); });
      if (hans.some((ch) => PAIRS.has(ch))) { expect(l['zh-Hant'], where).not.toBe(l['zh-Hans']); converted++; }
    }
    expect(converted).toBeGreaterThan(50);
  });

  it('label() picks the language and falls back to Simplified Chinese', () => {
    const auto = clusterByCode('auto')!;
    expect(label(auto, 'en')).toBe('Automobile');
    expect(label(auto.label, 'zh-Hant')).toBe('汽車');
    expect(label({ label: { 'zh-Hans': '测试', 'zh-Hant': '', en: '' } }, 'en')).toBe('测试');
  });
});

describe('taxonomy codes', () => {
  it('keeps codes unique within every list, sub-industries across clusters', () => {
    const lists = [taxonomy.clusterLevels, taxonomy.clusters, taxonomy.futureIndustries, taxonomy.tagGroups,
      taxonomy.enterpriseTags, taxonomy.revenueTiers, taxonomy.renovationCategories, taxonomy.renovationProgress,
      taxonomy.valueParkElements, taxonomy.efficiencyIndicators, taxonomy.districts,
      taxonomy.clusters.flatMap((c) => c.subIndustries)];
    for (const list of lists) expect(new Set(codes(list)).size).toBe(list.length);
  });

  it('matches the TypeScript unions', () => {
    // Typed literal arrays: a code missing from a union fails tsc, a code missing from the JSON fails here.
    expect(codes(taxonomy.clusters)).toEqual<ClusterCode[]>(['auto', 'display', 'materials', 'consumer', 'equipment', 'biomed', 'other']);
    expect(codes(taxonomy.enterpriseTags)).toEqual<TagCode[]>(['backbone', 'two-high-four-new', 'small-to-above', 'srdi',
      'hidden-champion', 'single-champion', 'high-tech', 'above-scale', 'key-enterprise']);
    expect(codes(taxonomy.renovationCategories)).toEqual<RenovationCategory[]>(['unclassified', 'eliminate', 'convert', 'upgrade']);
    expect(codes(taxonomy.renovationProgress)).toEqual<RenovationProgress[]>(['not_started', 'in_progress', 'completed']);
    expect(codes(taxonomy.districts)).toEqual<DistrictCode[]>(['440103', '440104', '440105', '440106', '440111', '440112',
      '440113', '440114', '440115', '440117', '440118']);
    expect(codes(taxonomy.futureIndustries)).toEqual<FutureIndustryCode[]>(['3d-printing', 'vr-ar', 'stem-cells',
      'quantum-communication', 'hydrogen', 'blockchain', 'graphene', 'terahertz', '5g']);
    expect(codes(taxonomy.valueParkElements)).toEqual<ValueParkElementCode[]>(['industry-leader', 'industry-chain',
      'innovation-centre', 'industry-fund', 'service-platform', 'industrial-community']);
    expect(codes(taxonomy.clusters.flatMap((c) => c.subIndustries))).toEqual<SubIndustryCode[]>([
      'nev', 'icv', 'auto-parts', 'uhd-video', 'new-display', 'display-materials',
      'advanced-chemical', 'advanced-metals', 'new-energy-materials', 'electronic-materials',
      'smart-home', 'green-food', 'fashion-apparel', 'lighting-audio', 'cosmetics',
      'robots', 'rail-transit', 'ships-ocean', 'biopharma', 'chemical-pharma', 'modern-tcm', 'medical-devices', 'other-manufacturing']);
    expect(codes(taxonomy.tagGroups)).toEqual(['three-batches', 'distinction', 'scale', 'list']);
    for (const t of taxonomy.enterpriseTags) expect(codes(taxonomy.tagGroups)).toContain(t.group);
  });

  it('has the six clusters with the plan targets and levels, and other manufacturing without either', () => {
    const summary = taxonomy.clusters.map((c) => [c.code, c.level, c.target2021]);
    expect(summary).toEqual([
      ['auto', 'world-class', 6000], ['display', 'world-class', 2300], ['materials', 'national', 3000],
      ['consumer', 'national', 2000], ['equipment', 'national', 1200], ['biomed', 'national', 1000],
      ['other', null, null],
    ]);
    expect(codes(clusterByCode('consumer')!.subIndustries)).toEqual(['smart-home', 'green-food', 'fashion-apparel', 'lighting-audio', 'cosmetics']);
    expect(codes(clusterByCode('equipment')!.subIndustries)).toEqual(['robots', 'rail-transit', 'ships-ocean']);
    const colors = taxonomy.clusters.map((c) => c.color.toLowerCase());
    for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colors).size).toBe(7);
  });

  it('has the key tags the plan singles out', () => {
    expect(taxonomy.enterpriseTags.filter((t) => t.key).map((t) => t.code)).toEqual(['srdi', 'hidden-champion', 'single-champion', 'high-tech']);
    expect(taxonomy.enterpriseTags.filter((t) => t.group === 'three-batches').map((t) => t.code)).toEqual(['backbone', 'two-high-four-new', 'small-to-above']);
  });

  it('has 9 future industries and 11 districts, 7 of them outer', () => {
    expect(taxonomy.futureIndustries).toHaveLength(9);
    expect(taxonomy.districts).toHaveLength(11);
    expect(taxonomy.districts.filter((d) => d.outer).map((d) => d.code)).toEqual(['440111', '440112', '440113', '440114', '440115', '440117', '440118']);
    expect(districtByCode('440104')?.label['zh-Hans']).toBe('越秀区');
    expect(districtByCode('440101')).toBeUndefined();
  });

  it('gives renovation categories distinct colours', () => {
    const colors = taxonomy.renovationCategories.map((c) => c.color.toLowerCase());
    expect(new Set(colors).size).toBe(4);
  });

  it('finds sub-industries with their cluster', () => {
    expect(subIndustryByCode('cosmetics')?.cluster.code).toBe('consumer');
    expect(subIndustryByCode('nev')?.sub.label.en).toBe('New-energy vehicles');
    expect(subIndustryByCode('auto')).toBeUndefined();
    expect(clusterByCode('nope')).toBeUndefined();
  });

  it('recognises renovation codes and nothing else', () => {
    expect(['unclassified', 'eliminate', 'convert', 'upgrade'].every(isRenovationCategory)).toBe(true);
    expect(['not_started', 'in_progress', 'completed'].every(isRenovationProgress)).toBe(true);
    for (const x of ['', 'Eliminate', 'completed', null, undefined, 1, {}]) expect(isRenovationCategory(x)).toBe(false);
    for (const x of ['', 'in-progress', 'upgrade', null, 0]) expect(isRenovationProgress(x)).toBe(false);
  });
});

describe('revenue tiers', () => {
  const tiers = taxonomy.revenueTiers;

  it('are contiguous from the library threshold and open at the top', () => {
    expect(taxonomy.libraryRevenueThreshold).toBe(10_000_000);
    expect(tiers[0].min).toBe(taxonomy.libraryRevenueThreshold);
    for (let i = 1; i < tiers.length; i++) expect(tiers[i].min, tiers[i].code).toBe(tiers[i - 1].max);
    for (const t of tiers.slice(0, -1)) expect(t.max!).toBeGreaterThan(t.min);
    expect(tiers.at(-1)!.max).toBeNull();
  });

  it('revenueTierOf handles the edges', () => {
    expect(revenueTierOf(9_999_999.99)).toBeUndefined();
    expect(revenueTierOf(0)).toBeUndefined();
    expect(revenueTierOf(-1)).toBeUndefined();
    expect(revenueTierOf(Number.NaN)).toBeUndefined();
    expect(revenueTierOf(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(revenueTierOf(10_000_000)?.code).toBe('r10m');
    expect(revenueTierOf(49_999_999)?.code).toBe('r10m');
    expect(revenueTierOf(50_000_000)?.code).toBe('r50m');
    expect(revenueTierOf(1_000_000_000)?.code).toBe('r1bn');
    expect(revenueTierOf(10_000_000_000)?.code).toBe('r10bn');
    expect(revenueTierOf(5e12)?.code).toBe('r10bn');
    for (const t of tiers) expect(revenueTierOf(t.min)).toBe(t);
  });
});

describe('plan figures', () => {
  it('carries the plan-wide numbers', () => {
    expect(taxonomy.planTargets).toEqual({ advancedManufacturingValueAdded: 3000, shareOfAboveScaleManufacturing: 0.7, pilotParksPerYear: 20, valueInnovationParks: 10 });
    expect(taxonomy.pilotYears).toEqual([2019, 2020, 2021]);
    expect(taxonomy.keyProjectThresholds).toEqual({ investmentYuan: 1_200_000_000, intensityYuanPerMu: 4_000_000 });
    expect(taxonomy.muInSquareMetres).toBeCloseTo(10_000 / 15, 1);
    expect(taxonomy.unitTarget.yuan).toBe(100_000_000);
    expect(taxonomy.valueParkElements).toHaveLength(6);
  });
});
