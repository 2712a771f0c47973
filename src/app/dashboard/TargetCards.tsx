// The plan's headline: each cluster's scale (gross output) for the period against its 2021 target,
// and advanced-manufacturing value added and its share against 3000亿 and ≈70 %. Every number is
// the engine's (attainment, change and the growth still needed included).
import type { IndicatorAnswer, IndicatorRow } from '../../domain/monitoring/indicators.ts';
import { clusterColor } from '../i18n/labels.ts';
import { dt } from '../i18n/messages-dashboard.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { formatChange, formatPercent, formatValue } from '../i18n/indicator-format.ts';

interface CardProps {
  row: IndicatorRow;
  unit: IndicatorAnswer['unit'];
  lang: Lang;
  color?: string;
  testId: string;
}

function TargetCard({ row, unit, lang, color, testId }: CardProps) {
  const att = row.attainment ?? null;
  return (
    <article className="target-card" data-testid={testId} data-key={row.key}>
      <h3>{color && <span className="swatch" style={{ background: color }} aria-hidden="true" />}{row.label}</h3>
      <p className="target-value" data-testid={`${testId}-value`}>{formatValue(row.value, unit, lang)}</p>
      {row.target && (
        <>
          <div className="target-bar" aria-hidden="true"><span style={{ width: `${Math.min(100, Math.max(0, (att ?? 0) * 100))}%`, background: color ?? '#2f5d85' }} /></div>
          <dl className="target-facts">
            <div><dt>{dt('target', lang)}</dt><dd>{formatValue(row.target.value, unit, lang)}（{row.target.year}）</dd></div>
            <div><dt>{dt('attainment', lang)}</dt><dd data-testid={`${testId}-attainment`}>{att === null ? dt('suppressed', lang) : formatPercent(att, lang)}</dd></div>
            {row.compare?.lastYear && <div><dt>{dt('yoy', lang)}</dt><dd>{formatChange(row.compare.lastYear.change, unit, lang)}</dd></div>}
            {row.requiredGrowth !== undefined && <div><dt>{dt('needed', lang)}</dt><dd>{row.requiredGrowth <= 0 ? dt('reached', lang) : formatPercent(row.requiredGrowth, lang)}</dd></div>}
          </dl>
        </>
      )}
    </article>
  );
}

export function TargetCards({ clusters, am, amShare, lang }: { clusters: IndicatorAnswer; am: IndicatorAnswer | undefined; amShare: IndicatorAnswer | undefined; lang: Lang }) {
  const planned = clusters.rows.filter((r) => r.target);
  return (
    <div className="target-grid">
      {planned.map((r) => <TargetCard key={r.key} row={r} unit={clusters.unit} lang={lang} color={clusterColor(r.key)} testId={`target-card-${r.key}`} />)}
      {am && <TargetCard row={{ ...am.total, label: dt('amTitle', lang) }} unit={am.unit} lang={lang} testId="target-card-am" />}
      {amShare && <TargetCard row={{ ...amShare.total, label: dt('amShareTitle', lang) }} unit={amShare.unit} lang={lang} testId="target-card-am-share" />}
    </div>
  );
}
