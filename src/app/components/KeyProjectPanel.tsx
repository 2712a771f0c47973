// The detail of a key project (重点项目): its facts (investment in 亿元, land in 亩, intensity in
// 万元/亩, cluster, status, district) and whether it meets the plan's thresholds for provincial land
// quotas, with the reason: which threshold is met and which is not (src/domain/key-projects.ts).
import { keyProjectEligibility } from '../../domain/key-projects.ts';
import { formatDateTime } from '../i18n/format.ts';
import { clusterLabel, districtLabel, keyProjectStatusLabel } from '../i18n/labels.ts';
import { THRESHOLD_TEXT, formatMu, formatWanPerMu, formatYi } from '../i18n/messages-key-projects.ts';
import type { KeyProjectFeature } from '../api/endpoints-key-projects.ts';
import { errorText } from '../i18n/error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { useKeyProjects } from '../hooks/useKeyProjects.ts';
import { useT } from '../i18n/use-t.ts';

function Eligibility({ f }: { f: KeyProjectFeature }) {
  const { t, tf, lang } = useT();
  const p = f.properties;
  const e = keyProjectEligibility(p);
  const th = THRESHOLD_TEXT(lang);
  return (
    <section className={`kp-eligibility ${e.eligible ? 'eligible' : 'not-eligible'}`} data-testid="kp-eligibility" data-eligible={e.eligible}>
      <h3>{t('kpEligibility')}：<strong>{e.eligible ? `★ ${t('kpEligibleYes')}` : t('kpEligibleNo')}</strong></h3>
      <ul className="checklist">
        <li className={e.investmentMet ? 'present' : 'missing'} data-testid="kp-reason-investment" data-met={e.investmentMet}>
          {tf(e.investmentMet ? 'kpInvestmentMet' : 'kpInvestmentNotMet', { value: formatYi(p.investmentYuan, lang, 4), threshold: th.investment })}
        </li>
        <li className={e.intensityMet ? 'present' : 'missing'} data-testid="kp-reason-intensity" data-met={String(e.intensityMet)}>
          {e.intensityYuanPerMu === null ? t('kpIntensityUnknown')
            : tf(e.intensityMet ? 'kpIntensityMet' : 'kpIntensityNotMet', { value: formatWanPerMu(e.intensityYuanPerMu, lang, 2), threshold: th.intensity })}
        </li>
      </ul>
      <p className="hint">{t('kpRule')}</p>
    </section>
  );
}

export function KeyProjectPanel({ id }: { id: number }) {
  const { t, tf, lang } = useT();
  const q = useKeyProjects(true);
  const f = q.data?.features.find((x) => x.id === id) ?? null;
  const p = f?.properties;
  return (
    <PanelFrame kicker={t('kpPanelTitle')} title={p ? p.name : '…'} titleId="key-project-title" testId="key-project-panel" focusKey={p ? id : null}>
      {q.error ? (
        <p className="form-error" role="alert">{t('kpError')}{errorText(q.error, lang)}</p>
      ) : q.isPending ? (
        <p role="status">{t('kpLoading')}</p>
      ) : !f || !p ? (
        <p role="status">{t('kpNotFound')}</p>
      ) : (
        <>
          {p.demo && <p className="demo-notice" role="note" data-testid="kp-demo">{t('kpDemoNote')}</p>}
          <dl className="facts">
            <div><dt>{t('kpCode')}</dt><dd>{p.code}</dd></div>
            <div><dt>{t('kpInvestment')}</dt><dd data-testid="kp-investment">{formatYi(p.investmentYuan, lang, 4)}</dd></div>
            <div><dt>{t('kpArea')}</dt><dd>{p.areaMu === null ? t('kpUnknown') : formatMu(p.areaMu, lang)}</dd></div>
            <div><dt>{t('kpIntensity')}</dt><dd data-testid="kp-intensity">{p.intensityYuanPerMu === null ? t('kpUnknown') : formatWanPerMu(p.intensityYuanPerMu, lang, 2)}</dd></div>
            <div><dt>{t('kpCluster')}</dt><dd>{p.cluster ? clusterLabel(p.cluster, lang) : t('kpNoCluster')}</dd></div>
            <div><dt>{t('kpStatus')}</dt><dd>{keyProjectStatusLabel(p.status, lang)}</dd></div>
            <div><dt>{t('kpDistrict')}</dt><dd>{p.district ? districtLabel(p.district, lang) : t('kpUnknown')}</dd></div>
            <div><dt>{t('kpLocation')}</dt><dd>{t(f.geometry.type === 'Point' ? 'kpLocationPoint' : 'kpLocationParcel')}</dd></div>
          </dl>
          <Eligibility f={f} />
          <p className="muted">{tf('kpUpdated', { date: formatDateTime(p.updatedAt, lang), version: p.version })}</p>
        </>
      )}
    </PanelFrame>
  );
}
