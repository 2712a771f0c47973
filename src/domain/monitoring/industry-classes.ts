// GB/T 4754-2017 manufacturing classes (行业代码, 4 digits) and what the plan makes of them: the
// cluster and sub-industry a class belongs to, and whether it counts as advanced or high-tech
// manufacturing. Plain data in seeds/industry-classes.json (sources and judgements: seeds/README.md).
import raw from '../../../seeds/industry-classes.json' with { type: 'json' };
import type { ClusterCode, Label, SubIndustryCode } from '../taxonomy.ts';

export interface IndustryDivision {
  readonly code: string;
  readonly label: Label;
  /** Typical value added / gross output of the division: estimates value added a firm did not report. */
  readonly vaRate: number;
}

export interface IndustryClass {
  readonly code: string;
  /** Official name (Simplified Chinese). */
  readonly name: string;
  readonly nameZhHant?: string;
  readonly division: string;
  readonly cluster: ClusterCode;
  readonly subIndustry: SubIndustryCode;
  /** The part of the class that belongs to the cluster, in our judgement (1 = all of it); see `note`. */
  readonly clusterShare: number;
  /** Guangdong's advanced-manufacturing (先进制造业) scope. */
  readonly advanced: boolean;
  /** NBS high-technology manufacturing classification (2017). */
  readonly highTech: boolean;
  readonly note?: string;
}

interface IndustryTable {
  readonly standard: string;
  readonly source: string;
  readonly divisions: readonly IndustryDivision[];
  readonly classes: readonly IndustryClass[];
}

export const industryTable = raw as unknown as IndustryTable;

const classes = new Map(industryTable.classes.map((c) => [c.code, c]));
const divisions = new Map(industryTable.divisions.map((d) => [d.code, d]));
const byName = new Map<string, IndustryClass>();
for (const c of industryTable.classes) {
  byName.set(c.name, c);
  if (c.nameZhHant) byName.set(c.nameZhHant, c);
}

export const industryClassByCode = (code: string): IndustryClass | undefined => classes.get(code);
export const industryDivisionByCode = (code: string): IndustryDivision | undefined => divisions.get(code);

/**
 * The class a cell names: `3670`, `C3670`, `3670 汽车零部件及配件制造` or the class's official name.
 * Statistics-bureau files write the code with the section letter or with the name beside it.
 */
export function lookupIndustryClass(text: string): IndustryClass | undefined {
  const t = text.normalize('NFKC').trim();
  const m = /^C?(\d{4})(?:\D.*)?$/i.exec(t);
  if (m) return classes.get(m[1]);
  return byName.get(t);
}

/** Value added estimated from gross output with the division's typical rate (rounded to whole yuan). */
export function estimateValueAdded(output: number, industryCode: string): number {
  const rate = divisions.get(industryCode.slice(0, 2))?.vaRate ?? AVERAGE_VA_RATE;
  return Math.round(output * rate);
}

/** Guangzhou 2019: above-scale industrial value added 5,722.9亿 / gross output 21,366亿 (see data/README.md). */
export const AVERAGE_VA_RATE = 0.268;
