// The report period: a year, a quarter or a month of 2018-2021, for the period alone or from January.
import { parsePeriod } from '../../domain/monitoring/periods.ts';
import { useT } from '../i18n/use-t.ts';

const YEARS = [2021, 2020, 2019, 2018];

export function PeriodPicker({ period, cumulative, onChange }: { period: string; cumulative: boolean; onChange: (period: string, cumulative: boolean) => void }) {
  const { t, lang } = useT();
  const p = parsePeriod(period, cumulative)!;
  const sub = p.kind === 'year' ? '' : p.kind === 'quarter' ? `Q${p.index}` : String(p.index).padStart(2, '0');
  const en = lang === 'en';
  const set = (year: number, part: string) => onChange(part ? `${year}-${part}` : String(year), cumulative);
  return (
    <fieldset className="period-picker">
      <legend>{t('period')}</legend>
      <select aria-label={t('period')} value={p.year} onChange={(e) => set(Number(e.target.value), sub)} data-testid="period-year">
        {YEARS.map((y) => <option key={y} value={y}>{en ? y : `${y}年`}</option>)}
      </select>
      <select aria-label={`${t('period')} 2`} value={sub} onChange={(e) => set(p.year, e.target.value)} data-testid="period-part">
        <option value="">{t('year')}</option>
        {[1, 2, 3, 4].map((q) => <option key={q} value={`Q${q}`}>{en ? `Q${q}` : `第${q}季度`}</option>)}
        {Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')).map((m) => <option key={m} value={m}>{en ? `Month ${Number(m)}` : `${Number(m)}月`}</option>)}
      </select>
      <label><input type="checkbox" checked={cumulative || p.kind === 'year'} disabled={p.kind === 'year'} onChange={(e) => onChange(period, e.target.checked)} data-testid="period-cumulative" /> {t('cumulative')}</label>
    </fieldset>
  );
}
