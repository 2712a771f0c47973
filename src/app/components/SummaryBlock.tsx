// The summary: enterprises shown and their revenue (for roles that may see it), and the village
// parks by renovation category and progress.
import { label, taxonomy } from '../../domain/taxonomy.ts';
import { formatNumber } from '../i18n/format.ts';
import { formatYi } from '../i18n/labels.ts';
import { t, tf } from '../i18n/messages.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';

export function SummaryBlock() {
  const { lang, parkStatuses } = useAppStore();
  const summary = useEnterpriseStore((s) => s.summary);
  const parks = Object.values(parkStatuses);
  const cell = (category: string, progress?: string) => parks.filter((p) => p.category === category && (!progress || p.progress === progress)).length;
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
      {parks.length > 0 && (
        <table className="park-table" data-testid="summary-parks">
          <caption>{t('parksByStatus', lang)}</caption>
          <thead>
            <tr>
              <th scope="col" />
              {taxonomy.renovationProgress.map((p) => <th key={p.code} scope="col">{label(p, lang)}</th>)}
              <th scope="col">{t('total', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {taxonomy.renovationCategories.map((c) => (
              <tr key={c.code}>
                <th scope="row"><span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {label(c, lang)}</th>
                {taxonomy.renovationProgress.map((p) => <td key={p.code}>{formatNumber(cell(c.code, p.code), lang)}</td>)}
                <td>{formatNumber(cell(c.code), lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('total', lang)}</th>
              {taxonomy.renovationProgress.map((p) => <td key={p.code}>{formatNumber(parks.filter((x) => x.progress === p.code).length, lang)}</td>)}
              <td>{formatNumber(parks.length, lang)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {parks.length > 0 && <p className="hint">{tf('pilots', lang, { n: pilots })}</p>}
    </section>
  );
}
