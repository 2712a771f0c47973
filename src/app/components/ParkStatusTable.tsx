// Village parks counted by renovation category (rows) and progress (columns), with totals.
import { label, taxonomy } from '../../domain/taxonomy.ts';
import { formatNumber } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';

export function ParkStatusTable({ parks, caption, testId }: {
  parks: readonly { category: string; progress: string }[];
  caption: string;
  testId: string;
}) {
  const { t, lang } = useT();
  const count = (category?: string, progress?: string) =>
    parks.filter((p) => (!category || p.category === category) && (!progress || p.progress === progress)).length;
  return (
    <table className="park-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" />
          {taxonomy.renovationProgress.map((p) => <th key={p.code} scope="col">{label(p, lang)}</th>)}
          <th scope="col">{t('total')}</th>
        </tr>
      </thead>
      <tbody>
        {taxonomy.renovationCategories.map((c) => (
          <tr key={c.code}>
            <th scope="row"><span className="swatch park" style={{ background: c.color }} aria-hidden="true" /> {label(c, lang)}</th>
            {taxonomy.renovationProgress.map((p) => <td key={p.code}>{formatNumber(count(c.code, p.code), lang)}</td>)}
            <td>{formatNumber(count(c.code), lang)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('total')}</th>
          {taxonomy.renovationProgress.map((p) => <td key={p.code}>{formatNumber(count(undefined, p.code), lang)}</td>)}
          <td>{formatNumber(parks.length, lang)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
