// The plan's headline: each cluster's scale (gross output) for the period against its 2021 target,
// and advanced-manufacturing value added and its share against 3000亿 and ≈70 %. Every number is
// the engine's (attainment, change and the growth still needed included).
import type { IndicatorAnswer, IndicatorRow } from '../../domain/monitoring/indicators.ts';
import { clusterColor } from '../i18n/labels.ts';
import { formatChange, formatPercent, formatValue } from '../i18n/indicator-format.ts';
import { useT } from '../i18n/use-t.ts';

interface CardProps {
  row: IndicatorRow;
  unit: IndicatorAnswer['unit'];
  color?: string;
  testId: string;
}

function TargetCard({ row, unit, color, testId }: CardProps) {
  const { t, lang } = useT();
  const att = row.attainment ?? null;
  return (
    <article className="target-card" data-testid={testId} data-key={row.key}>
      <h3>{color && <span className="swatch" style={{ background: color }} aria-hidden="true" />}{row.label}</h3>
      <p className="target-value" data-testid={`${testId}-value`}>{formatValue(row.value, unit, lang)}</p>
      {row.target && (
        <>
          <div className="target-bar" aria-hidden="true"><span style={{ width: `${Math.min(100, Math.max(0, (att ?? 0) * 100))}%`, background: color ?? '#2f5d85' }} /></div>
          <dl className="target-facts">
            <div><dt>{t('target')}</dt><dd>{formatValue(row.target.value, unit, lang)}（{row.target.year}）</dd></div>
            <div><dt>{t('attainment')}</dt><dd data-testid={`${testId}-attainment`}>{att === null ? t('suppressed') : formatPercent(att, lang)}</dd></div>
            {row.compare?.lastYear && <div><dt>{t('yoy')}</dt><dd>{formatChange(row.compare.lastYear.change, unit, lang)}</dd></div>}
            {row.requiredGrowth !== undefined && <div><dt>{t('needed')}</dt><dd>{row.requiredGrowth <= 0 ? t('reached') : formatPercent(row.requiredGrowth, lang)}</dd></div>}
          </dl>
        </>
      )}
    </article>
  );
}

export function TargetCards({ clusters, am, amShare }: { clusters: IndicatorAnswer; am: IndicatorAnswer | undefined; amShare: IndicatorAnswer | undefined }) {
  const { t } = useT();
  const planned = clusters.rows.filter((r) => r.target);
  return (
    <div className="target-grid">
      {planned.map((r) => <TargetCard key={r.key} row={r} unit={clusters.unit} color={clusterColor(r.key)} testId={`target-card-${r.key}`} />)}
      {am && <TargetCard row={{ ...am.total, label: t('amTitle') }} unit={am.unit} testId="target-card-am" />}
      {amShare && <TargetCard row={{ ...amShare.total, label: t('amShareTitle') }} unit={amShare.unit} testId="target-card-am-share" />}
    </div>
  );
}
