// The detail of a value-innovation park: facts, the six elements as a checklist, and the
// enterprises inside.
import { formatNumber } from '../i18n/format.ts';
import { clusterLabel, districtLabel, elementLabel, valueParkName } from '../i18n/labels.ts';
import { BufferAroundButton } from './BufferAroundButton.tsx';
import { EnterpriseList } from './EnterpriseList.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useValuePark } from '../queries/value-parks.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { ParkEfficiency } from './ParkEfficiency.tsx';
import { useT } from '../i18n/use-t.ts';

export function ValueParkPanel({ id }: { id: number }) {
  const { t, tf, lang } = useT();
  const { data: park, error } = useValuePark(id);

  const p = park?.id === id ? park.properties : null;
  const present = p ? p.elements.filter((e) => e.present).length : 0;
  return (
    <PanelFrame kicker={t('valueParkPanel')} title={p ? valueParkName(p, lang) : '…'} titleId="value-park-title" testId="value-park-panel" focusKey={p ? id : null}>
      {error ? (
        <p className="form-error" role="alert">{t('parkLoadError')}{errorText(error, lang)}</p>
      ) : !p ? (
        <p role="status">{t('loadingValuePark')}</p>
      ) : (
        <>
          <dl className="facts">
            <div><dt>{t('code')}</dt><dd>{p.code}</dd></div>
            <div><dt>{t('theme')}</dt><dd>{clusterLabel(p.theme, lang)}</dd></div>
            <div><dt>{t('district')}</dt><dd>{districtLabel(p.district, lang)}</dd></div>
            <div><dt>{t('areaKm2')}</dt><dd>{formatNumber(p.areaKm2, lang, 2)} km²</dd></div>
          </dl>
          <ParkEfficiency by="valuePark" parkId={id} />
          <div className="buttons"><BufferAroundButton kind="valuePark" id={id} /></div>
          <h3>{t('sixElements')} <span className="muted">· {tf('elementsCount', { n: present })}</span></h3>
          <ul className="checklist" data-testid="elements">
            {p.elements.map((e) => (
              <li key={e.code} className={e.present ? 'present' : 'missing'} data-present={e.present}>
                <span className="mark" aria-hidden="true">{e.present ? '✓' : '✗'}</span>
                <div>
                  <strong>{elementLabel(e.code, lang)}</strong>
                  <span className="sr-only"> ({t(e.present ? 'elementPresent' : 'elementMissing')})</span>
                  {e.note && <div className="note">{e.note}</div>}
                </div>
              </li>
            ))}
          </ul>
          <h3>{tf('enterprisesInside', { n: formatNumber(p.enterpriseCount, lang) })}</h3>
          <EnterpriseList query={{ valuePark: id }} />
          {p.demo && <p className="demo-notice" role="note">{t('valueParkDemoNotice')}</p>}
        </>
      )}
    </PanelFrame>
  );
}
