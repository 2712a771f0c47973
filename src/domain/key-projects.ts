// Key projects (重点项目, issue 13 item 5): the plan's large manufacturing projects, with investment,
// land area, investment intensity (investment per mu of land), industry cluster, status and location
// (a point or the parcel's polygon). Shared by the importer, the server, the map and the dashboard.
//
// The plan (广州市先进制造业强市三年行动计划 2019-2021, "保障工业发展用地"): "重点引入投资规模超过12亿元、
// 投资强度超过400万元/亩的省重点战略性新兴产业和先进制造业项目，争取列入省重点建设项目计划，由省安排
// 奖励用地指标". Our reading: both conditions must hold (the two are attributes of the one kind of
// project the sentence names, joined by 、, not alternatives), and 超过 is "more than", strictly: a
// project of exactly 12亿元, or exactly 400万元/亩, does not qualify. The figures are
// taxonomy.keyProjectThresholds (seeds/taxonomy.json), in yuan and yuan per mu.
//
// Units: money is kept in whole yuan, land in mu (亩, taxonomy.muInSquareMetres m²); the app shows
// investment in 亿元 and intensity in 万元/亩, as Chinese statistics write them. The comparison with
// the intensity threshold is made as investment > threshold × area (no division), so a project at
// exactly 400万元/亩 is never pushed over by a rounding of the quotient.
import { taxonomy } from './taxonomy.ts';

export type KeyProjectStatus = 'planned' | 'under_construction' | 'completed';
/** 谋划 / 在建 / 建成, in the order a project goes through them. */
export const KEY_PROJECT_STATUSES: readonly KeyProjectStatus[] = ['planned', 'under_construction', 'completed'];

export const isKeyProjectStatus = (x: unknown): x is KeyProjectStatus => typeof x === 'string' && (KEY_PROJECT_STATUSES as readonly string[]).includes(x);

/** Words the bureau's lists use for each status, in both scripts (compared after foldKey, without spaces, _ and -). */
export const KEY_PROJECT_STATUS_WORDS: Readonly<Record<KeyProjectStatus, readonly string[]>> = {
  planned: ['planned', '谋划', '谋划中', '储备', '前期', '前期工作', '筹建', '拟建', '计划', '新开工计划', '謀劃', '謀劃中', '儲備', '籌建', '擬建', '計劃', 'planning', 'pipeline'],
  under_construction: ['under_construction', '在建', '续建', '施工', '建设中', '在建中', '新开工', '已开工', '开工', '續建', '建設中', '新開工', '已開工', '開工', 'construction', 'underconstruction', 'building'],
  completed: ['completed', '建成', '竣工', '已建成', '已竣工', '投产', '建成投产', '已投产', '投產', '建成投產', '已投產', 'done', 'complete', 'finished', 'inoperation', 'operating'],
};

export interface KeyProjectThresholds {
  /** Yuan: more than this (12亿元). */
  investmentYuan: number;
  /** Yuan per mu: more than this (400万元/亩). */
  intensityYuanPerMu: number;
}

export const KEY_PROJECT_THRESHOLDS: KeyProjectThresholds = taxonomy.keyProjectThresholds;

/** The facts eligibility rests on. */
export interface KeyProjectFigures {
  /** Total investment, yuan. */
  investmentYuan: number;
  /** Land area, mu; null when not known (a point without an area). */
  areaMu: number | null;
}

/** A key project as the API answers it (a GeoJSON feature's properties). */
export interface KeyProject extends KeyProjectFigures {
  id: number;
  code: string;
  name: string;
  /** Industry cluster code of the taxonomy; null when the list does not say. */
  cluster: string | null;
  status: KeyProjectStatus;
  /** District code (from the location); null outside every district. */
  district: string | null;
  /** Yuan per mu; null when the area is unknown or 0. */
  intensityYuanPerMu: number | null;
  eligible: boolean;
  demo: boolean;
  version: number;
  updatedAt: string;
}

/** Investment per mu of land, yuan; null when the area is unknown or not positive. */
export function intensityOf(investmentYuan: number, areaMu: number | null): number | null {
  if (areaMu === null || !(areaMu > 0) || !Number.isFinite(investmentYuan)) return null;
  return investmentYuan / areaMu;
}

export interface Eligibility {
  eligible: boolean;
  /** Investment more than the threshold. */
  investmentMet: boolean;
  /** Intensity more than the threshold; null when the area is unknown (then not met). */
  intensityMet: boolean | null;
  intensityYuanPerMu: number | null;
  thresholds: KeyProjectThresholds;
}

/**
 * Whether a project meets the plan's thresholds for provincial land quotas: investment more than
 * 12亿元 AND intensity more than 400万元/亩 (both strict). An unknown area never qualifies.
 */
export function keyProjectEligibility(p: KeyProjectFigures, thresholds: KeyProjectThresholds = KEY_PROJECT_THRESHOLDS): Eligibility {
  const investmentMet = p.investmentYuan > thresholds.investmentYuan;
  const known = p.areaMu !== null && p.areaMu > 0;
  const intensityMet = known ? p.investmentYuan > thresholds.intensityYuanPerMu * (p.areaMu as number) : null;
  return { eligible: investmentMet && intensityMet === true, investmentMet, intensityMet, intensityYuanPerMu: intensityOf(p.investmentYuan, p.areaMu), thresholds };
}

export const isEligibleKeyProject = (p: KeyProjectFigures, thresholds: KeyProjectThresholds = KEY_PROJECT_THRESHOLDS): boolean =>
  keyProjectEligibility(p, thresholds).eligible;

/**
 * SQL condition of the same rule over columns `investment` (yuan) and `area_mu`, with the two
 * thresholds as parameters $a (yuan) and $b (yuan per mu): the server's queries use it, so a list,
 * its filter and the summary agree with keyProjectEligibility.
 */
export const eligibleSql = (investment: string, areaMu: string, a: string, b: string) =>
  `(${investment} > ${a} AND ${areaMu} > 0 AND ${investment} > ${b} * ${areaMu})`;

/** Yuan → 亿元 / 万元, for display. */
export const YI = 1e8;
export const WAN = 1e4;
