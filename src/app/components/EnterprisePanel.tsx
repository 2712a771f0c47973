// The detail of one enterprise (GET /api/enterprises/:id); revenue only where the server sends it.
import { useEffect, useState, type ReactNode } from 'react';
import { taxonomy } from '../../domain/taxonomy.ts';
import { fetchEnterprise } from '../api/endpoints-map.ts';
import type { Enterprise } from '../api/types.ts';
import { districtLabel, formatNumber } from '../i18n/format.ts';
import { clusterColor, clusterLabel, formatYi, futureIndustryLabel, subIndustryLabel, tagLabel, townLabel } from '../i18n/labels.ts';
import { t } from '../i18n/messages.ts';
import { maySeeHistory, maySeeRevenue, useAppStore } from '../state/store.ts';
import { EnterpriseFigures } from './EnterpriseFigures.tsx';
import { EnterpriseHistory } from './EnterpriseHistory.tsx';
import { errorText, isAbort } from './error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { ParkLink } from './ParkLink.tsx';

const KEY_TAGS = new Set<string>(taxonomy.enterpriseTags.filter((x) => x.key).map((x) => x.code));

export function EnterprisePanel({ id }: { id: number }) {
  const { lang, flyTo } = useAppStore();
  const user = useAppStore((s) => s.user);
  const userId = user?.id;
  const [e, setE] = useState<Enterprise | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Reloaded when the user changes: revenue depends on the role.
  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    fetchEnterprise(id, ac.signal).then(setE, (err) => !isAbort(err) && setError(err));
    return () => ac.abort();
  }, [id, userId]);

  const x = e?.id === id ? e : null;
  const rows: [string, ReactNode, string?][] = x
    ? [
        [t('creditCode', lang), <code key="c">{x.creditCode}</code>, 'credit-code'],
        [t('cluster', lang), <><span className="swatch" style={{ background: clusterColor(x.cluster) }} aria-hidden="true" />{clusterLabel(x.cluster, lang)}</>, 'cluster'],
        [t('subIndustry', lang), subIndustryLabel(x.subIndustry, lang)],
        [t('industryCode', lang), x.industryCode ? `${x.industryCode} ${x.industryName ?? ''}`.trim() : t('none', lang), 'industry'],
        [t('futureIndustry', lang), x.futureIndustry ? futureIndustryLabel(x.futureIndustry, lang) : t('none', lang)],
        [t('tags', lang), x.tags.length ? (
          <ul className="tag-list" key="t">{x.tags.map((c) => <li key={c} className={KEY_TAGS.has(c) ? 'tag key' : 'tag'}>{tagLabel(c, lang)}</li>)}</ul>
        ) : t('none', lang), 'tags'],
        ...(x.revenue !== undefined && x.revenue !== null ? [[t('revenue', lang), formatYi(x.revenue, lang), 'revenue'] as [string, string, string]] : []),
        [t('employees', lang), x.employees === null ? '—' : `${formatNumber(x.employees, lang)} ${t('persons', lang)}`.trim()],
        [t('district', lang), districtLabel(x.district, lang)],
        [t('town', lang), townLabel(x.town, lang)],
        [t('address', lang), x.address],
        ...(x.villageParkId !== null ? [[t('inVillagePark', lang), <ParkLink key="vp" kind="park" id={x.villageParkId} lang={lang} />] as [string, ReactNode]] : []),
        ...(x.valueParkId !== null ? [[t('inValuePark', lang), <ParkLink key="vip" kind="valuePark" id={x.valueParkId} lang={lang} />] as [string, ReactNode]] : []),
      ]
    : [];
  return (
    <PanelFrame kicker={t('enterprisePanel', lang)} title={x ? x.name : '…'} titleId="enterprise-title" testId="enterprise-panel" focusKey={x ? id : null}>
      {error ? (
        <p className="form-error" role="alert">{t('enterpriseLoadError', lang)}{errorText(error, lang)}</p>
      ) : !x ? (
        <p role="status">{t('loadingEnterprise', lang)}</p>
      ) : (
        <>
          <dl className="facts">
            {rows.map(([k, v, testId]) => (
              <div key={k}><dt>{k}</dt><dd data-testid={testId ? `enterprise-${testId}` : undefined}>{v}</dd></div>
            ))}
          </dl>
          <div className="buttons">
            <button type="button" onClick={() => flyTo({ center: [x.lon, x.lat], zoom: Math.max(useAppStore.getState().view.zoom, 15) })}>{t('showOnMap', lang)}</button>
          </div>
          {maySeeRevenue(user) && <EnterpriseFigures key={`f${id}/${userId}`} id={id} lang={lang} />}
          {maySeeHistory(user) && <EnterpriseHistory key={`${id}/${userId}`} id={id} lang={lang} />}
          {x.demo && <p className="demo-notice" role="note">{t('enterpriseDemoNotice', lang)}</p>}
        </>
      )}
    </PanelFrame>
  );
}
