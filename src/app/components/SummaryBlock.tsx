// The summary: enterprises shown and their revenue (for roles that may see it), and the village
// parks by renovation category and progress.
import { formatNumber } from '../i18n/format.ts';
import { formatYi } from '../i18n/labels.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';
import { ParkStatusTable } from './ParkStatusTable.tsx';
import { useT } from '../i18n/use-t.ts';

export function SummaryBlock() {
  const { t, tf, lang } = useT();
  const parkStatuses = useAppStore((s) => s.parkStatuses);
  const filter = useAppStore((s) => s.filter);
  const summary = useEnterpriseStore((s) => s.summary);
  // Like the enterprises, the parks follow the district and town filter (either one matches).
  const byDivision = filter.districts.length > 0 || filter.towns.length > 0;
  const parks = Object.values(parkStatuses).filter((p) => !byDivision || filter.districts.includes(p.district) || filter.towns.includes(p.town));
  const pilots = parks.filter((p) => p.pilotYear !== null).length;
  return (
    <section className="summary" aria-labelledby="summary-title" data-testid="summary">
      <h2 id="summary-title">{t('summary')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('enterprisesShown')}</dt>
          <dd data-testid="summary-matched">{summary ? tf('shownOfTotal', { shown: formatNumber(summary.matched, lang), total: formatNumber(summary.total, lang) }) : '…'}</dd>
        </div>
        {summary?.revenueYuan !== null && summary?.revenueYuan !== undefined && (
          <div>
            <dt>{t('totalRevenue')}</dt>
            <dd data-testid="summary-revenue">{formatYi(summary.revenueYuan, lang)}</dd>
          </div>
        )}
      </dl>
      {summary && summary.revenueYuan === null && <p className="hint">{t('revenueHidden')}</p>}
      {parks.length > 0 && <ParkStatusTable parks={parks} caption={t(byDivision ? 'parksByStatusFiltered' : 'parksByStatus')} testId="summary-parks" />}
      {parks.length > 0 && <p className="hint">{tf('pilots', { n: pilots })}</p>}
    </section>
  );
}
