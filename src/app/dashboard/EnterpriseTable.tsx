// The drill-down's last step: the enterprises behind the numbers. Placeholder until it lands.
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Metric } from '../../domain/monitoring/indicators.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { ResolvedArea } from '../api/endpoints-indicators.ts';
import type { SessionUser } from '../api/types.ts';

export interface EnterpriseTableProps {
  period: string;
  cumulative: boolean;
  metric: Metric;
  filter: EnterpriseFilter;
  area: ResolvedArea | null;
  lang: Lang;
  user: SessionUser | null;
  /** The map link (with the dashboard's filters) an enterprise's link builds on. */
  mapLink: string;
}

export function EnterpriseTable(_props: EnterpriseTableProps) {
  return null;
}
