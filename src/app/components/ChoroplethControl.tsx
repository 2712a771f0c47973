// Colour the districts by an indicator of the engine (metric and year), under the map's filters.
import { todayInChina } from '../i18n/format.ts';
import { periodLabel } from '../i18n/indicator-format.ts';
import { useAppStore } from '../state/store.ts';
import { CHOROPLETH_METRICS, type ChoroplethMetric } from '../state/types.ts';
import { metricLabel } from '../i18n/labels.ts';
import { useT } from '../i18n/use-t.ts';

/** The first year of monthly figures in the library. */
const FIRST_YEAR = 2018;

export function ChoroplethControl() {
  const { t, lang } = useT();
  const choropleth = useAppStore((s) => s.choropleth);
  const setChoropleth = useAppStore((s) => s.setChoropleth);
  const thisYear = Number(todayInChina().slice(0, 4));
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => String(thisYear - i));
  const period = choropleth?.period ?? '2021';
  if (!years.includes(period)) years.push(period);
  return (
    <fieldset className="choropleth-control" data-testid="choropleth-control">
      <legend>{t('choroplethTitle')}</legend>
      <select aria-label={t('choroplethTitle')} value={choropleth?.metric ?? ''} data-testid="choropleth-metric"
        onChange={(e) => setChoropleth(e.target.value ? { metric: e.target.value as ChoroplethMetric, period } : null)}>
        <option value="">{t('choroplethNone')}</option>
        {CHOROPLETH_METRICS.map((m) => <option key={m} value={m}>{metricLabel(m, lang)}</option>)}
      </select>
      {choropleth && (
        <select aria-label={t('choroplethPeriod')} value={period} data-testid="choropleth-period"
          onChange={(e) => setChoropleth({ ...choropleth, period: e.target.value })}>
          {years.map((y) => <option key={y} value={y}>{periodLabel(y, false, lang)}</option>)}
        </select>
      )}
    </fieldset>
  );
}
