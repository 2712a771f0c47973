// The report period: a year, a quarter or a month of 2018-2021, for the period alone or from January.
import { parsePeriod } from '../../domain/monitoring/periods.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { dt } from '../i18n/messages-dashboard.ts';

const YEARS = [2021, 2020, 2019, 2018];

export function PeriodPicker({ period, cumulative, lang, onChange }: { period: string; cumulative: boolean; lang: Lang; onChange: (period: string, cumulative: boolean) => void }) {
  const p = parsePeriod(period, cumulative)!;
  const sub = p.kind === 'year' ? '' : p.kind === 'quarter' ? `Q${p.index}` : String(p.index).padStart(2, '0');
  const en = lang === 'en';
  const set = (year: number, part: string) => onChange(part ? `${year}-${part}` : String(year), cumulative);
  return (
    <fieldset className="period-picker">
      <legend>{dt('period', lang)}</legend>
      <select aria-label={dt('period', lang)} value={p.year} onChange={(e) => set(Number(e.target.value), sub)} data-testid="period-year">
        {YEARS.map((y) => <option key={y} value={y}>{en ? y : `${y}年`}</option>)}
      </select>
      <select aria-label={`${dt('period', lang)} 2`} value={sub} onChange={(e) => set(p.year, e.target.value)} data-testid="period-part">
        <option value="">{dt('year', lang)}</option>
        {[1, 2, 3, 4].map((q) => <option key={q} value={`Q${q}`}>{en ? `Q${q}` : `第${q}季度`}</option>)}
        {Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')).map((m) => <option key={m} value={m}>{en ? `Month ${Number(m)}` : `${Number(m)}月`}</option>)}
      </select>
      <label><input type="checkbox" checked={cumulative || p.kind === 'year'} disabled={p.kind === 'year'} onChange={(e) => onChange(period, e.target.checked)} data-testid="period-cumulative" /> {dt('cumulative', lang)}</label>
    </fieldset>
  );
}
