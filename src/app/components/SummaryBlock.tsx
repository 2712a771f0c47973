// The summary: enterprises shown and their revenue (for roles that may see it), and the village
// parks by renovation category and progress.
import { formatNumber } from '../i18n/format.ts';
import { formatYi } from '../i18n/labels.ts';
import { t, tf } from '../i18n/messages.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';
import { ParkStatusTable } from './ParkStatusTable.tsx';

export function SummaryBlock() {
  const { lang, parkStatuses, filter } = useAppStore();
  const summary = useEnterpriseStore((s) => s.summary);
  // Like the enterprises, the parks follow the district and town filter (either one matches).
  const byDivision = filter.districts.length > 0 || filter.towns.length > 0;
  const parks = Object.values(parkStatuses).filter((p) => !byDivision || filter.districts.includes(p.district) || filter.towns.includes(p.town));
  const pilots = parks.filter((p) => p.pilotYear !== null).length;
  return (
    <section className="summary" aria-labelledby="summary-title" data-testid="summary">
      <h2 id="summary-title">{t('summary', lang)}</h2>
      <dl className="facts">
        <div>
          <dt>{t('enterprisesShown', lang)}</dt>
          <dd data-testid="summary-matched">{summary ? tf('shownOfTotal', lang, { shown: formatNumber(summary.matched, lang), total: formatNumber(summary.total, lang) }) : '…'}</dd>
        </div>
        {summary?.revenueYuan !== null && summary?.revenueYuan !== undefined && (
          <div>
            <dt>{t('totalRevenue', lang)}</dt>
            <dd data-testid="summary-revenue">{formatYi(summary.revenueYuan, lang)}</dd>
          </div>
        )}
      </dl>
      {summary && summary.revenueYuan === null && <p className="hint">{t('revenueHidden', lang)}</p>}
      {parks.length > 0 && <ParkStatusTable parks={parks} caption={t(byDivision ? 'parksByStatusFiltered' : 'parksByStatus', lang)} lang={lang} testId="summary-parks" />}
      {parks.length > 0 && <p className="hint">{tf('pilots', lang, { n: pilots })}</p>}
    </section>
  );
}
