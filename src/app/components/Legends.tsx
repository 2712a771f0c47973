// The legend of each layer; the village-park legend follows the chosen overlay.
import { label, taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { formatNumber } from '../i18n/format.ts';
import { t, tf } from '../i18n/messages.ts';
import { KEY_RING } from '../map/enterprise-style.ts';
import { EFFICIENCY_CLASSES, PILOT_COLOR, PROGRESS_OPACITY } from '../map/park-overlay.ts';
import type { LayerKey, Overlay } from '../state/store.ts';

const indicator = (lang: Lang) => {
  const e = taxonomy.efficiencyIndicators.find((x) => x.code === 'outputPerMu');
  return e ? label(e, lang) : 'outputPerMu';
};

function ParkLegend({ overlay, lang }: { overlay: Overlay; lang: Lang }) {
  const pilot = <li><span className="swatch outline" style={{ borderColor: PILOT_COLOR }} />{t('legendPilot', lang)}</li>;
  if (overlay === 'efficiency')
    return (
      <ul className="legend" data-testid="legend-villageParks" data-overlay={overlay}>
        <li className="legend-title">{tf('legendEfficiency', lang, { indicator: indicator(lang) })}</li>
        {EFFICIENCY_CLASSES.map((c) => (
          <li key={c.min}>
            <span className="swatch" style={{ background: c.color }} />
            {c.max === null ? `≥ ${formatNumber(c.min, lang)}` : c.min === 0 ? `< ${formatNumber(c.max, lang)}` : `${formatNumber(c.min, lang)} – ${formatNumber(c.max, lang)}`}
          </li>
        ))}
        {pilot}
      </ul>
    );
  return (
    <ul className="legend" data-testid="legend-villageParks" data-overlay={overlay}>
      {taxonomy.renovationCategories.map((c) => (
        <li key={c.code}><span className="swatch" style={{ background: c.color }} />{label(c, lang)}</li>
      ))}
      {overlay === 'progress' && (
        <>
          <li className="legend-title">{t('legendProgressHint', lang)}</li>
          {taxonomy.renovationProgress.map((p) => (
            <li key={p.code}><span className="swatch" style={{ background: '#3c4a55', opacity: PROGRESS_OPACITY[p.code] }} />{label(p, lang)}</li>
          ))}
        </>
      )}
      {pilot}
    </ul>
  );
}

function EnterpriseLegend({ lang }: { lang: Lang }) {
  const keyTags = taxonomy.enterpriseTags.filter((x) => x.key).map((x) => label(x, lang)).join(lang === 'en' ? ', ' : '、');
  return (
    <ul className="legend" data-testid="legend-enterprises">
      {taxonomy.clusters.map((c) => (
        <li key={c.code}><span className="swatch round" style={{ background: c.color }} />{label(c, lang)}</li>
      ))}
      <li className="legend-note"><span className="swatch round bubble" aria-hidden="true">12</span>{t('legendCluster', lang)}</li>
      <li className="legend-note"><span className="swatch round" style={{ background: '#fff', border: `2.5px solid ${KEY_RING}` }} />{tf('legendKeyRing', lang, { tags: keyTags })}</li>
    </ul>
  );
}

export function Legend({ layer, overlay, lang }: { layer: LayerKey; overlay: Overlay; lang: Lang }) {
  if (layer === 'enterprises') return <EnterpriseLegend lang={lang} />;
  if (layer === 'villageParks') return <ParkLegend overlay={overlay} lang={lang} />;
  if (layer === 'districts')
    return (
      <ul className="legend">
        <li><span className="swatch outline" style={{ borderColor: '#5b6b7a' }} />{t('legendOutline', lang)}</li>
      </ul>
    );
  return (
    <ul className="legend">
      <li><span className="swatch outline dashed" style={{ borderColor: '#6a3d9a' }} />{t('legendOutline', lang)}</li>
    </ul>
  );
}
