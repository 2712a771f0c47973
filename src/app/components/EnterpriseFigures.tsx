// A firm's own operating figures in its panel, for the roles that may see them: a yearly summary
// (what Chinese statistics publish) and the monthly output as a small bar chart (the Spring Festival
// dip and the 2020 first quarter show at a glance). The numbers come as stored; the summary only
// adds a firm's months within a year, it computes no indicator.
import type { MonthFigures } from '../api/types.ts';
import { formatNumber } from '../i18n/format.ts';
import { formatMoney } from '../i18n/labels.ts';
import { useEnterpriseFigures } from '../queries/enterprises.ts';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/use-t.ts';

interface YearRow {
  year: number;
  months: number;
  revenue: number;
  output: number;
  valueAdded: number;
  profit: number;
  tax: number;
  employees: number;
}

function byYear(items: MonthFigures[]): YearRow[] {
  const years = new Map<number, YearRow>();
  for (const m of items) {
    const year = Math.floor(m.month / 100);
    const y = years.get(year) ?? { year, months: 0, revenue: 0, output: 0, valueAdded: 0, profit: 0, tax: 0, employees: 0 };
    y.months++;
    y.revenue += m.revenue;
    y.output += m.output;
    y.valueAdded += m.valueAdded;
    y.profit += m.profit;
    y.tax += m.tax;
    y.employees = m.employees;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => b.year - a.year);
}

const ROWS = [
  ['figuresRevenue', 'revenue'], ['figuresOutput', 'output'], ['figuresValueAdded', 'valueAdded'],
  ['figuresProfit', 'profit'], ['figuresTax', 'tax'], ['figuresEmployees', 'employees'],
] as const;

const monthText = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;

function MonthlyBars({ items }: { items: MonthFigures[] }) {
  const { tf } = useT();
  const w = 300;
  const h = 56;
  const max = Math.max(...items.map((m) => m.output), 1);
  const bw = w / items.length;
  const title = tf('figuresChart', { from: monthText(items[0].month), to: monthText(items[items.length - 1].month) });
  return (
    <svg className="figures-bars" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title} data-testid="enterprise-figures-chart">
      <title>{title}</title>
      {items.map((m, i) => {
        const bh = Math.max(1, (Math.max(m.output, 0) / max) * (h - 2));
        return <rect key={m.month} x={i * bw + 0.5} y={h - bh} width={Math.max(1, bw - 1)} height={bh} className={m.month % 100 === 1 ? 'jan' : undefined} />;
      })}
    </svg>
  );
}

export function EnterpriseFigures({ id }: { id: number }) {
  const { t, tf, lang } = useT();
  const { data, error } = useEnterpriseFigures(id);

  if (error) return <p className="form-error" role="alert">{errorText(error, lang)}</p>;
  if (!data) return <p role="status">{t('loadingList')}</p>;
  const items = data.items;
  const years = byYear(items);
  const sources = [...new Set(items.map((m) => m.source))].map((s) => t(s === 'seed' ? 'figuresSourceSeed' : 'figuresSourceImport')).join('、');
  return (
    <section data-testid="enterprise-figures">
      <h3>{t('figuresTitle')}</h3>
      {!items.length ? <p className="muted">{t('figuresNone')}</p> : (
        <>
          <MonthlyBars items={items} />
          <div className="table-wrap">
            <table className="figures">
              <thead>
                <tr><th scope="col">{t('figuresYear')}</th>{years.map((y) => <th key={y.year} scope="col">{y.year}{y.months < 12 ? tf('figuresMonths', { n: y.months }) : ''}</th>)}</tr>
              </thead>
              <tbody>
                {ROWS.map(([key, field]) => (
                  <tr key={key}>
                    <th scope="row">{t(key)}</th>
                    {years.map((y) => <td key={y.year}>{field === 'employees' ? formatNumber(y.employees, lang) : formatMoney(y[field], lang)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {items.some((m) => m.valueAddedEstimated) && <p className="muted">{t('figuresEstimated')}</p>}
          <p className="muted">{tf('figuresVintage', { month: monthText(items[items.length - 1].month), n: data.revisions, source: sources })}</p>
        </>
      )}
    </section>
  );
}
