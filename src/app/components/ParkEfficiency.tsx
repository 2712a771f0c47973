// A park's land efficiency (亩均产值, 亩均税收) per year, computed by the indicator engine from the
// operating figures of the enterprises located in the park; the static demo figure of a village park
// is shown only as the baseline when none of its enterprises has figures.
import { parkEfficiencySeries } from '../../domain/monitoring/park-efficiency.ts';
import { label, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { formatNumber } from '../i18n/format.ts';
import { errorText } from '../i18n/error-text.ts';
import { useParkEfficiency, type EfficiencyBy } from '../hooks/useParkEfficiency.ts';
import { useT } from '../i18n/use-t.ts';

const indicator = (code: 'outputPerMu' | 'taxPerMu', lang: Lang) => {
  const e = taxonomy.efficiencyIndicators.find((x) => x.code === code);
  return e ? label(e, lang) : code;
};

export interface EfficiencyBaseline {
  outputPerMu: number;
  /** Confidential roles only (as in the park's own record). */
  taxPerMu?: number | null;
}

export function ParkEfficiency({ by, parkId, baseline }: { by: EfficiencyBy; parkId: number; baseline?: EfficiencyBaseline }) {
  const { t, lang } = useT();
  const output = useParkEfficiency('outputPerMu', by);
  const tax = useParkEfficiency('taxPerMu', by);
  const years = output.data ? parkEfficiencySeries(output.data, tax.data, parkId) : null;
  const unit = t('yuanPerMu');
  const cell = (v: number | null, suppressed: boolean) =>
    v !== null ? formatNumber(v, lang) : <span className="muted" title={suppressed ? t('efficiencySuppressed') : undefined}>—</span>;

  return (
    <section data-testid="park-efficiency" data-source={years ? 'enterprises' : output.data ? 'baseline' : 'pending'}>
      <h3>{t('efficiencyTitle')}</h3>
      {output.isPending ? (
        <p role="status" className="muted">{t('efficiencyLoading')}</p>
      ) : output.error ? (
        <p className="form-error" role="alert">{t('efficiencyError')}{errorText(output.error, lang)}</p>
      ) : null}
      {years && (
        <table className="park-table" data-testid="park-efficiency-table">
          <caption>{t('efficiencyFromFirms')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('efficiencyYear')}</th>
              <th scope="col">{indicator('outputPerMu', lang)}（{unit}）</th>
              <th scope="col">{indicator('taxPerMu', lang)}（{unit}）</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <th scope="row">{y.year}</th>
                <td>{cell(y.outputPerMu, y.suppressed)}</td>
                <td>{cell(y.taxPerMu, y.suppressed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {years?.some((y) => y.suppressed) && <p className="muted">— {t('efficiencySuppressed')}</p>}
      {!years && (output.data || output.error) && (baseline ? (
        <>
          <dl className="facts" data-testid="park-efficiency-baseline">
            <div><dt>{indicator('outputPerMu', lang)}</dt><dd>{formatNumber(baseline.outputPerMu, lang)} {unit}</dd></div>
            {baseline.taxPerMu !== undefined && baseline.taxPerMu !== null && (
              <div><dt>{indicator('taxPerMu', lang)}</dt><dd>{formatNumber(baseline.taxPerMu, lang)} {unit}</dd></div>
            )}
          </dl>
          <p className="muted">{t('efficiencyBaseline')}</p>
        </>
      ) : output.data ? <p className="muted">{t('efficiencyNone')}</p> : null)}
    </section>
  );
}
