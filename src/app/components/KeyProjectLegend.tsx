// The legend of the key-project layer: status colours for points and parcels, the eligible mark
// (gold ring, gold outline and ★), how many projects and how many eligible, and the demo notice.
import { KEY_PROJECT_STATUSES } from '../../domain/key-projects.ts';
import { formatNumber } from '../i18n/format.ts';
import { keyProjectStatusLabel } from '../i18n/labels.ts';
import { KEY_PROJECT_ELIGIBLE_COLOR, KEY_PROJECT_MARKER, KEY_PROJECT_STATUS_COLORS } from '../map/key-project-style.ts';
import { errorText } from '../i18n/error-text.ts';
import { useKeyProjects } from '../hooks/useKeyProjects.ts';
import { useT } from '../i18n/use-t.ts';

export function KeyProjectLegend() {
  const { t, tf, lang } = useT();
  const q = useKeyProjects();
  const features = q.data?.features ?? [];
  const eligible = features.filter((f) => f.properties.eligible).length;
  return (
    <ul className="legend" data-testid="legend-keyProjects">
      {KEY_PROJECT_STATUSES.map((s) => (
        <li key={s}><span className="swatch kp-marker" aria-hidden="true" style={{ color: KEY_PROJECT_STATUS_COLORS[s] }}>{KEY_PROJECT_MARKER}</span>{keyProjectStatusLabel(s, lang)}</li>
      ))}
      <li><span className="swatch outline" style={{ borderColor: KEY_PROJECT_STATUS_COLORS.under_construction }} />{t('kpLegendParcel')}</li>
      <li data-testid="legend-kp-eligible">
        <span className="swatch round" style={{ background: '#fff', border: `3px solid ${KEY_PROJECT_ELIGIBLE_COLOR}` }} />{t('kpLegendEligible')}
      </li>
      {q.error ? <li className="form-error" role="alert">{t('kpError')}{errorText(q.error, lang)}</li>
        : q.isPending ? <li role="status">{t('kpLoading')}</li>
          : <li className="legend-note" data-testid="legend-kp-count" data-count={features.length} data-eligible={eligible}>
            {tf('kpLegendCount', { count: features.length, eligible: formatNumber(eligible, lang) })}
          </li>}
      {q.data?.demo && <li className="legend-note" data-testid="legend-kp-demo">{t('kpLegendDemo')}</li>}
    </ul>
  );
}
