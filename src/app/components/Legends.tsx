// The legend of each layer; the village-park legend follows the chosen overlay.
import { BlockLegend } from './BlockLegend.tsx';
import { ContradictionToggle } from './ContradictionToggle.tsx';
import { KeyProjectLegend } from './KeyProjectLegend.tsx';
import { label, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { formatNumber } from '../i18n/format.ts';
import { KEY_RING } from '../map/enterprise-style.ts';
import { formatValue, periodLabel, unitName } from '../i18n/indicator-format.ts';
import { NO_DATA_COLOR } from '../map/map-controller.ts';
import { errorText } from '../i18n/error-text.ts';
import { useDistrictChoropleth } from '../hooks/useDistrictChoropleth.ts';
import { useEfficiencyOverlay } from '../hooks/useParkEfficiency.ts';
import { BASELINE_OPACITY, CHANGED_COLOR, EFFICIENCY_CLASSES, PENDING_COLOR, PILOT_COLOR, PROGRESS_COLORS } from '../map/park-overlay.ts';
import { useAppStore, type LayerKey, type Overlay } from '../state/store.ts';
import { maySeeProposals } from '../../domain/permissions.ts';
import { metricLabel } from '../i18n/labels.ts';
import { useT } from '../i18n/use-t.ts';

const indicator = (lang: Lang) => {
  const e = taxonomy.efficiencyIndicators.find((x) => x.code === 'outputPerMu');
  return e ? label(e, lang) : 'outputPerMu';
};

function ParkLegend({ overlay }: { overlay: Overlay }) {
  const { t, tf, lang } = useT();
  const changes = useAppStore((s) => s.time?.kind === 'changes');
  // Proposals awaiting review are drawn for the roles that see them, and only on the live map (MapView).
  const pending = useAppStore((s) => maySeeProposals(s.user) && !s.time);
  const efficiency = useEfficiencyOverlay();
  const pilot = (
    <>
      <li><span className="swatch outline" style={{ borderColor: PILOT_COLOR }} />{t('legendPilot')}</li>
      {pending && <li data-testid="legend-pending"><span className="swatch outline" style={{ borderColor: PENDING_COLOR, borderStyle: 'dashed' }} />{t('legendPending')}</li>}
      {changes && <li data-testid="legend-changed"><span className="swatch outline" style={{ borderColor: CHANGED_COLOR }} />{t('legendChanged')}</li>}
      <ContradictionToggle />
    </>
  );
  if (overlay === 'efficiency')
    return (
      <ul className="legend" data-testid="legend-villageParks" data-overlay={overlay}>
        <li className="legend-title">{tf('legendEfficiency', { indicator: indicator(lang) })}</li>
        {EFFICIENCY_CLASSES.map((c) => (
          <li key={c.min}>
            <span className="swatch" style={{ background: c.color }} />
            {c.max === null ? `≥ ${formatNumber(c.min, lang)}` : c.min === 0 ? `< ${formatNumber(c.max, lang)}` : `${formatNumber(c.min, lang)} – ${formatNumber(c.max, lang)}`}
          </li>
        ))}
        {efficiency.year && <li className="legend-note" data-testid="legend-efficiency-year" data-year={efficiency.year}>{tf('efficiencyLegendYear', { year: efficiency.year })}</li>}
        <li className="legend-note"><span className="swatch" style={{ background: EFFICIENCY_CLASSES[2].color, opacity: BASELINE_OPACITY }} />{t('efficiencyLegendBaseline')}</li>
        {pilot}
      </ul>
    );
  return (
    <ul className="legend" data-testid="legend-villageParks" data-overlay={overlay}>
      {taxonomy.renovationCategories.map((c) => (
        <li key={c.code}><span className="swatch park" style={{ background: c.color }} />{label(c, lang)}</li>
      ))}
      {overlay === 'progress' && (
        <>
          <li className="legend-title">{t('legendProgressHint')}</li>
          {taxonomy.renovationProgress.map((p) => (
            <li key={p.code}><span className="swatch" style={{ background: PROGRESS_COLORS[p.code] }} />{label(p, lang)}</li>
          ))}
        </>
      )}
      {pilot}
    </ul>
  );
}

function EnterpriseLegend() {
  const { t, tf, lang } = useT();
  const keyTags = taxonomy.enterpriseTags.filter((x) => x.key).map((x) => label(x, lang)).join(lang === 'en' ? ', ' : '、');
  return (
    <ul className="legend" data-testid="legend-enterprises">
      {taxonomy.clusters.map((c) => (
        <li key={c.code}><span className="swatch round" style={{ background: c.color }} />{label(c, lang)}</li>
      ))}
      <li className="legend-note"><span className="swatch round bubble" aria-hidden="true">12</span>{t('legendCluster')}</li>
      <li className="legend-note"><span className="swatch round" style={{ background: '#fff', border: `2.5px solid ${KEY_RING}` }} />{tf('legendKeyRing', { tags: keyTags })}</li>
    </ul>
  );
}

function DistrictLegend() {
  const { t, tf, lang } = useT();
  const { choropleth, answer, classes, pending, error } = useDistrictChoropleth();
  const outline = <li><span className="swatch outline" style={{ borderColor: '#5b6b7a' }} />{t('legendOutline')}</li>;
  if (!choropleth) return <ul className="legend">{outline}</ul>;
  const unit = answer?.unit ?? 'yuan';
  const anyGrey = !!answer && (answer.rows.length < taxonomy.districts.length || answer.rows.some((r) => r.suppressed || r.value === null));
  return (
    <ul className="legend" data-testid="legend-choropleth">
      <li className="legend-title">
        {tf('choroplethLegend', { metric: metricLabel(choropleth.metric, lang), period: periodLabel(choropleth.period, false, lang), unit: unitName(unit, lang) })}
        {answer?.demo && <> · {t('choroplethDemo')}</>}
      </li>
      {error ? <li className="form-error" role="alert">{t('choroplethError')}{errorText(error, lang)}</li>
        : pending ? <li role="status">{t('choroplethLoading')}</li>
          : classes.map((c) => (
            <li key={c.min} data-min={c.min} data-max={c.max}>
              <span className="swatch" style={{ background: c.color }} />
              {c.min === c.max ? formatValue(c.min, unit, lang) : `${formatValue(c.min, unit, lang)} – ${formatValue(c.max, unit, lang)}`}
            </li>
          ))}
      {anyGrey && <li><span className="swatch" style={{ background: NO_DATA_COLOR }} />{t('choroplethSuppressed')}</li>}
      <li className="legend-note">{t('choroplethFilter')}</li>
      {outline}
    </ul>
  );
}

export function Legend({ layer, overlay }: { layer: LayerKey; overlay: Overlay }) {
  const { t } = useT();
  if (layer === 'enterprises') return <EnterpriseLegend />;
  if (layer === 'villageParks') return <ParkLegend overlay={overlay} />;
  if (layer === 'districts') return <DistrictLegend />;
  if (layer === 'industrialBlocks') return <BlockLegend />;
  if (layer === 'keyProjects') return <KeyProjectLegend />;
  return (
    <ul className="legend">
      <li><span className="swatch outline dashed" style={{ borderColor: '#6a3d9a' }} />{t('legendOutline')}</li>
    </ul>
  );
}
