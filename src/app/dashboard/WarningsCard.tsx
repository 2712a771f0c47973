// Early warnings (监测预警) on the dashboard. Placeholder until the warnings module lands.
import type { EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import type { SessionUser } from '../api/types.ts';

export interface WarningsCardProps {
  period: string;
  cumulative: boolean;
  filter: EnterpriseFilter;
  lang: Lang;
  user: SessionUser | null;
}

export function WarningsCard(_props: WarningsCardProps) {
  return null;
}
