// The last measurement's figure over the map: a distance in 公里, an area in 平方公里 and 亩 (the unit
// land is counted in here; 1 平方公里 = 1,500 亩).
import { formatNumber } from '../i18n/format.ts';
import { useMeasureStore } from '../state/measure-store.ts';
import { useT } from '../i18n/use-t.ts';

const MU_PER_SQUARE_METER = 0.0015;

export function MeasureResult() {
  const { t, tf, lang } = useT();
  const measurement = useMeasureStore((s) => s.measurement);
  const clear = useMeasureStore((s) => s.setMeasurement);
  if (!measurement) return null;
  const text = measurement.kind === 'length'
    ? tf('measuredLength', { km: formatNumber(measurement.meters / 1000, lang, 2) })
    : tf('measuredArea', { km2: formatNumber(measurement.squareMeters / 1e6, lang, 3), mu: formatNumber(Math.round(measurement.squareMeters * MU_PER_SQUARE_METER), lang) });
  return (
    <div className="overlay" role="status" data-testid="measure-result">
      <span data-testid="measure-value">{text}</span>{' '}
      <button type="button" className="link" onClick={() => clear(null)}>{t('measureClear')}</button>
    </div>
  );
}
