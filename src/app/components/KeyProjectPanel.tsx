// The detail of a key project (重点项目): its facts (investment in 亿元, land in 亩, intensity in
// 万元/亩, cluster, status, district) and whether it meets the plan's thresholds for provincial land
// quotas, with the reason: which threshold is met and which is not (src/domain/key-projects.ts).
import { keyProjectEligibility } from '../../domain/key-projects.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { districtLabel, formatDateTime } from '../i18n/format.ts';
import { clusterLabel } from '../i18n/labels.ts';
import { t, tf } from '../i18n/messages.ts';
import { THRESHOLD_TEXT, formatMu, formatWanPerMu, formatYi, keyProjectStatusLabel } from '../i18n/messages-key-projects.ts';
import type { KeyProjectFeature } from '../api/endpoints-key-projects.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from './error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { useKeyProjects } from './useKeyProjects.ts';

function Eligibility({ f, lang }: { f: KeyProjectFeature; lang: Lang }) {
  const p = f.properties;
  const e = keyProjectEligibility(p);
  const th = THRESHOLD_TEXT(lang);
  return (
    <section className={`kp-eligibility ${e.eligible ? 'eligible' : 'not-eligible'}`} data-testid="kp-eligibility" data-eligible={e.eligible}>
      <h3>{t('kpEligibility', lang)}：<strong>{e.eligible ? `★ ${t('kpEligibleYes', lang)}` : t('kpEligibleNo', lang)}</strong></h3>
      <ul className="checklist">
        <li className={e.investmentMet ? 'present' : 'missing'} data-testid="kp-reason-investment" data-met={e.investmentMet}>
          {tf(e.investmentMet ? 'kpInvestmentMet' : 'kpInvestmentNotMet', lang, { value: formatYi(p.investmentYuan, lang, 4), threshold: th.investment })}
        </li>
        <li className={e.intensityMet ? 'present' : 'missing'} data-testid="kp-reason-intensity" data-met={String(e.intensityMet)}>
          {e.intensityYuanPerMu === null ? t('kpIntensityUnknown', lang)
            : tf(e.intensityMet ? 'kpIntensityMet' : 'kpIntensityNotMet', lang, { value: formatWanPerMu(e.intensityYuanPerMu, lang, 2), threshold: th.intensity })}
        </li>
      </ul>
      <p className="hint">{t('kpRule', lang)}</p>
    </section>
  );
}

export function KeyProjectPanel({ id }: { id: number }) {
  const lang = useAppStore((s) => s.lang);
  const q = useKeyProjects(true);
  const f = q.data?.features.find((x) => x.id === id) ?? null;
  const p = f?.properties;
  return (
    <PanelFrame kicker={t('kpPanelTitle', lang)} title={p ? p.name : '…'} titleId="key-project-title" testId="key-project-panel" focusKey={p ? id : null}>
      {q.error ? (
        <p className="form-error" role="alert">{t('kpError', lang)}{errorText(q.error, lang)}</p>
      ) : q.isPending ? (
        <p role="status">{t('kpLoading', lang)}</p>
      ) : !f || !p ? (
        <p role="status">{t('kpNotFound', lang)}</p>
      ) : (
        <>
          {p.demo && <p className="demo-notice" role="note" data-testid="kp-demo">{t('kpDemoNote', lang)}</p>}
          <dl className="facts">
            <div><dt>{t('kpCode', lang)}</dt><dd>{p.code}</dd></div>
            <div><dt>{t('kpInvestment', lang)}</dt><dd data-testid="kp-investment">{formatYi(p.investmentYuan, lang, 4)}</dd></div>
            <div><dt>{t('kpArea', lang)}</dt><dd>{p.areaMu === null ? t('kpUnknown', lang) : formatMu(p.areaMu, lang)}</dd></div>
            <div><dt>{t('kpIntensity', lang)}</dt><dd data-testid="kp-intensity">{p.intensityYuanPerMu === null ? t('kpUnknown', lang) : formatWanPerMu(p.intensityYuanPerMu, lang, 2)}</dd></div>
            <div><dt>{t('kpCluster', lang)}</dt><dd>{p.cluster ? clusterLabel(p.cluster, lang) : t('kpNoCluster', lang)}</dd></div>
            <div><dt>{t('kpStatus', lang)}</dt><dd>{keyProjectStatusLabel(p.status, lang)}</dd></div>
            <div><dt>{t('kpDistrict', lang)}</dt><dd>{p.district ? districtLabel(p.district, lang) : t('kpUnknown', lang)}</dd></div>
            <div><dt>{t('kpLocation', lang)}</dt><dd>{t(f.geometry.type === 'Point' ? 'kpLocationPoint' : 'kpLocationParcel', lang)}</dd></div>
          </dl>
          <Eligibility f={f} lang={lang} />
          <p className="muted">{tf('kpUpdated', lang, { date: formatDateTime(p.updatedAt, lang), version: p.version })}</p>
        </>
      )}
    </PanelFrame>
  );
}
