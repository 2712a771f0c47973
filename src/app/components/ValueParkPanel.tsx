// The detail of a value-innovation park: facts, the six elements as a checklist, and the
// enterprises inside.
import { useEffect, useState } from 'react';
import { fetchValuePark } from '../api/endpoints-map.ts';
import type { ValueParkFeature } from '../api/types.ts';
import { districtLabel, formatNumber } from '../i18n/format.ts';
import { clusterLabel, elementLabel, valueParkName } from '../i18n/labels.ts';
import { t, tf } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';
import { BufferAroundButton } from './BufferAroundButton.tsx';
import { EnterpriseList } from './EnterpriseList.tsx';
import { errorText, isAbort } from './error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { ParkEfficiency } from './ParkEfficiency.tsx';

export function ValueParkPanel({ id }: { id: number }) {
  const lang = useAppStore((s) => s.lang);
  const [park, setPark] = useState<ValueParkFeature | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    fetchValuePark(id, ac.signal).then(setPark, (err) => !isAbort(err) && setError(err));
    return () => ac.abort();
  }, [id]);

  const p = park?.id === id ? park.properties : null;
  const present = p ? p.elements.filter((e) => e.present).length : 0;
  return (
    <PanelFrame kicker={t('valueParkPanel', lang)} title={p ? valueParkName(p, lang) : '…'} titleId="value-park-title" testId="value-park-panel" focusKey={p ? id : null}>
      {error ? (
        <p className="form-error" role="alert">{t('parkLoadError', lang)}{errorText(error, lang)}</p>
      ) : !p ? (
        <p role="status">{t('loadingValuePark', lang)}</p>
      ) : (
        <>
          <dl className="facts">
            <div><dt>{t('code', lang)}</dt><dd>{p.code}</dd></div>
            <div><dt>{t('theme', lang)}</dt><dd>{clusterLabel(p.theme, lang)}</dd></div>
            <div><dt>{t('district', lang)}</dt><dd>{districtLabel(p.district, lang)}</dd></div>
            <div><dt>{t('areaKm2', lang)}</dt><dd>{formatNumber(p.areaKm2, lang, 2)} km²</dd></div>
          </dl>
          <ParkEfficiency by="valuePark" parkId={id} lang={lang} />
          <div className="buttons"><BufferAroundButton kind="valuePark" id={id} /></div>
          <h3>{t('sixElements', lang)} <span className="muted">· {tf('elementsCount', lang, { n: present })}</span></h3>
          <ul className="checklist" data-testid="elements">
            {p.elements.map((e) => (
              <li key={e.code} className={e.present ? 'present' : 'missing'} data-present={e.present}>
                <span className="mark" aria-hidden="true">{e.present ? '✓' : '✗'}</span>
                <div>
                  <strong>{elementLabel(e.code, lang)}</strong>
                  <span className="sr-only"> ({t(e.present ? 'elementPresent' : 'elementMissing', lang)})</span>
                  {e.note && <div className="note">{e.note}</div>}
                </div>
              </li>
            ))}
          </ul>
          <h3>{tf('enterprisesInside', lang, { n: formatNumber(p.enterpriseCount, lang) })}</h3>
          <EnterpriseList query={{ valuePark: id }} lang={lang} />
          {p.demo && <p className="demo-notice" role="note">{t('valueParkDemoNotice', lang)}</p>}
        </>
      )}
    </PanelFrame>
  );
}
