// The GB/T 4754 class of a synthetic enterprise: a class the seeds map to its cluster and
// sub-industry (weighted by how much of the class belongs there), or for other manufacturing a
// class of a division weighted like Guangzhou's industry outside the six clusters.
import { industryTable, type IndustryClass } from '../../../src/domain/monitoring/industry-classes.ts';
import type { Rng } from './rng.ts';

/** Firms per division outside the clusters (our judgement of Guangzhou's structure: electronics, petrochemicals, metal products, textiles, food …). */
const OTHER_DIVISION_WEIGHTS: Record<string, number> = {
  '13': 3, '14': 3, '15': 2, '16': 0.2, '17': 4, '18': 4, '19': 3, '20': 1, '21': 2, '22': 3, '23': 4, '24': 3,
  '25': 1, '26': 5, '27': 0.5, '28': 0.5, '29': 7, '30': 4, '31': 1, '32': 2, '33': 8, '34': 7, '35': 5, '36': 1,
  '37': 1, '38': 6, '39': 8, '40': 2, '41': 1, '42': 0.5, '43': 1,
};

export class IndustryPicker {
  private readonly bySub = new Map<string, IndustryClass[]>();
  private readonly otherByDivision = new Map<string, IndustryClass[]>();
  private readonly otherDivisions: string[];

  constructor() {
    for (const c of industryTable.classes) {
      if (c.cluster === 'other') {
        const list = this.otherByDivision.get(c.division) ?? [];
        list.push(c);
        this.otherByDivision.set(c.division, list);
      } else {
        const list = this.bySub.get(c.subIndustry) ?? [];
        list.push(c);
        this.bySub.set(c.subIndustry, list);
      }
    }
    this.otherDivisions = [...this.otherByDivision.keys()].sort();
  }

  /** A class for the cluster and sub-industry; null when the seeds map none there. */
  pick(cluster: string, sub: string, rng: Rng): IndustryClass | null {
    if (cluster === 'other') {
      const division = rng.weighted(this.otherDivisions, (d) => OTHER_DIVISION_WEIGHTS[d] ?? 1);
      return rng.pick(this.otherByDivision.get(division)!);
    }
    const list = this.bySub.get(sub);
    return list?.length ? rng.weighted(list, (c) => c.clusterShare) : null;
  }
}
