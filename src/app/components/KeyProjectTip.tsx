// The hover tooltip of a key project: its name, investment in 亿元, intensity in 万元/亩, and the
// eligible mark; from the cached list the layer was drawn from (no request of its own).
import { keyProjectStatusLabel } from '../i18n/labels.ts';
import { formatWanPerMu, formatYi } from '../i18n/messages-key-projects.ts';
import { useKeyProjects } from '../hooks/useKeyProjects.ts';
import { useT } from '../i18n/use-t.ts';

export function KeyProjectTip({ id, name }: { id: number; name: string }) {
  const { t, lang } = useT();
  const p = useKeyProjects().data?.features.find((f) => f.id === id)?.properties;
  return (
    <span data-testid="kp-tooltip">
      <strong>{p?.eligible ? '★ ' : ''}{p?.name ?? name}</strong>
      {p && (
        <span className="line">
          {keyProjectStatusLabel(p.status, lang)} · {formatYi(p.investmentYuan, lang)}
          {p.intensityYuanPerMu !== null && ` · ${formatWanPerMu(p.intensityYuanPerMu, lang)}`}
        </span>
      )}
      {p && <span className="line">{t(p.eligible ? 'kpEligibleYes' : 'kpEligibleNo')}（{t('kpEligibility')}）</span>}
    </span>
  );
}
