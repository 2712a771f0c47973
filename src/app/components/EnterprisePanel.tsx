// The detail of one enterprise (GET /api/enterprises/:id); revenue only where the server sends it.
import type { ReactNode } from 'react';
import { taxonomy } from '../../domain/taxonomy.ts';
import { formatNumber } from '../i18n/format.ts';
import { clusterColor, clusterLabel, districtLabel, formatYi, futureIndustryLabel, subIndustryLabel, tagLabel, townLabel } from '../i18n/labels.ts';
import { flyTo, getCamera } from '../state/camera.ts';
import { useAppStore } from '../state/store.ts';
import { EnterpriseFigures } from './EnterpriseFigures.tsx';
import { EnterpriseHistory } from './EnterpriseHistory.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useEnterprise } from '../queries/enterprises.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { ParkLink } from './ParkLink.tsx';
import { mayReadConfidential, maySeeHistory } from '../../domain/permissions.ts';
import { useT } from '../i18n/use-t.ts';

const KEY_TAGS = new Set<string>(taxonomy.enterpriseTags.filter((x) => x.key).map((x) => x.code));

export function EnterprisePanel({ id }: { id: number }) {
  const { t, lang } = useT();
  const user = useAppStore((s) => s.user);
  const userId = user?.id;
  // Asked again when the user changes (the key holds the viewer): revenue depends on the role.
  const { data: e, error } = useEnterprise(id);

  const x = e?.id === id ? e : null;
  const rows: [string, ReactNode, string?][] = x
    ? [
        [t('creditCode'), <code key="c">{x.creditCode}</code>, 'credit-code'],
        [t('cluster'), <><span className="swatch" style={{ background: clusterColor(x.cluster) }} aria-hidden="true" />{clusterLabel(x.cluster, lang)}</>, 'cluster'],
        [t('subIndustry'), subIndustryLabel(x.subIndustry, lang)],
        [t('industryCode'), x.industryCode ? `${x.industryCode} ${x.industryName ?? ''}`.trim() : t('none'), 'industry'],
        [t('futureIndustry'), x.futureIndustry ? futureIndustryLabel(x.futureIndustry, lang) : t('none')],
        [t('tags'), x.tags.length ? (
          <ul className="tag-list" key="t">{x.tags.map((c) => <li key={c} className={KEY_TAGS.has(c) ? 'tag key' : 'tag'}>{tagLabel(c, lang)}</li>)}</ul>
        ) : t('none'), 'tags'],
        ...(x.revenue !== undefined && x.revenue !== null ? [[t('revenue'), formatYi(x.revenue, lang), 'revenue'] as [string, string, string]] : []),
        [t('employees'), x.employees === null ? '—' : `${formatNumber(x.employees, lang)} ${t('persons')}`.trim()],
        [t('district'), districtLabel(x.district, lang)],
        [t('town'), townLabel(x.town, lang)],
        [t('address'), x.address],
        ...(x.villageParkId !== null ? [[t('inVillagePark'), <ParkLink key="vp" kind="park" id={x.villageParkId} />] as [string, ReactNode]] : []),
        ...(x.valueParkId !== null ? [[t('inValuePark'), <ParkLink key="vip" kind="valuePark" id={x.valueParkId} />] as [string, ReactNode]] : []),
      ]
    : [];
  return (
    <PanelFrame kicker={t('enterprisePanel')} title={x ? x.name : '…'} titleId="enterprise-title" testId="enterprise-panel" focusKey={x ? id : null}>
      {error ? (
        <p className="form-error" role="alert">{t('enterpriseLoadError')}{errorText(error, lang)}</p>
      ) : !x ? (
        <p role="status">{t('loadingEnterprise')}</p>
      ) : (
        <>
          <dl className="facts">
            {rows.map(([k, v, testId]) => (
              <div key={k}><dt>{k}</dt><dd data-testid={testId ? `enterprise-${testId}` : undefined}>{v}</dd></div>
            ))}
          </dl>
          <div className="buttons">
            <button type="button" onClick={() => flyTo({ center: [x.lon, x.lat], zoom: Math.max(getCamera().zoom, 15) })}>{t('showOnMap')}</button>
          </div>
          {mayReadConfidential(user) && <EnterpriseFigures key={`f${id}/${userId}`} id={id} />}
          {maySeeHistory(user) && <EnterpriseHistory key={`${id}/${userId}`} id={id} />}
          {x.demo && <p className="demo-notice" role="note">{t('enterpriseDemoNotice')}</p>}
        </>
      )}
    </PanelFrame>
  );
}
