// The selection: what the area and the filters select, counted per industry cluster, tag and
// revenue tier (revenue only for roles that may see it), the village parks by category and
// progress, the value-innovation parks touched, a virtualised list, and the export dialog.
import { lazy, Suspense } from 'react';
import { formatNumber } from '../i18n/format.ts';
import { clusterColor, clusterLabel, formatYi, tagLabel, tierLabel, valueParkName } from '../i18n/labels.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';
import { areaLabel } from './AreaTools.tsx';
import { useIndustrialBlocks } from '../hooks/useIndustrialBlocks.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { PartLoading } from './PartLoading.tsx';
import { ParkStatusTable } from './ParkStatusTable.tsx';
import { SelectionList } from './SelectionList.tsx';
import { useAreaParks } from '../hooks/useAreaParks.ts';
import { useT } from '../i18n/use-t.ts';

// The export dialog and its encoders (KML, zipped Shapefile) come when the selection panel first shows it.
const ExportDialog = lazy(() => import('./ExportDialog.tsx').then((m) => ({ default: m.ExportDialog })));

function CountList({ title, rows, testId }: { title: string; rows: { code: string; label: string; n: number; color?: string }[]; testId: string }) {
  const { t, lang } = useT();
  const shown = rows.filter((r) => r.n > 0).sort((a, b) => b.n - a.n);
  return (
    <div className="count-list" data-testid={testId}>
      <h3>{title}</h3>
      {shown.length ? (
        <ul>
          {shown.map((r) => (
            <li key={r.code} data-code={r.code}>
              {r.color && <span className="dot" style={{ background: r.color }} aria-hidden="true" />}
              <span className="name">{r.label}</span>
              <span className="n">{formatNumber(r.n, lang)}</span>
            </li>
          ))}
        </ul>
      ) : <p className="muted">{t('none')}</p>}
    </div>
  );
}

export function SelectionPanel() {
  const { t, tf, lang } = useT();
  const area = useAppStore((s) => s.area);
  const select = useAppStore((s) => s.select);
  const { data: blocks } = useIndustrialBlocks(area?.kind === 'block');
  const areaStatus = useAreaStore((s) => s.status);
  const summary = useEnterpriseStore((s) => s.summary);
  const info = useEnterpriseStore((s) => s.info);
  const { result: parks, error: parksError } = useAreaParks();
  const dict = info?.dictionaries;

  return (
    <PanelFrame kicker={t('selectionTitle')} title={area ? areaLabel(area, lang, blocks) : t('selectionTitle')} titleId="selection-title" testId="selection-panel" focusKey="selection">
      {!area && <p className="hint">{t('selectionCityWide')}</p>}
      {areaStatus === 'resolving' && <p role="status">{t('areaResolving')}</p>}
      {!summary || !dict ? (
        <p role="status">{t('loadingEnterprises')}</p>
      ) : (
        <>
          <dl className="facts">
            <div><dt>{t('enterprises')}</dt><dd data-testid="selection-count">{tf('selEnterprises', { n: formatNumber(summary.matched, lang) })}</dd></div>
            {summary.revenueYuan !== null && <div><dt>{t('totalRevenue')}</dt><dd data-testid="selection-revenue">{formatYi(summary.revenueYuan, lang)}</dd></div>}
          </dl>
          {summary.revenueYuan === null && <p className="hint">{t('revenueHidden')}</p>}
          <CountList title={t('byCluster')} testId="selection-by-cluster"
            rows={dict.clusters.map((code, i) => ({ code, label: clusterLabel(code, lang), n: summary.byCluster[i], color: clusterColor(code) }))} />
          <CountList title={t('byTag')} testId="selection-by-tag"
            rows={dict.tags.map((code, i) => ({ code, label: tagLabel(code, lang), n: summary.byTag[i] }))} />
          {summary.byTier && (
            <CountList title={t('byTier')} testId="selection-by-tier"
              rows={dict.revenueTiers.map((code, i) => ({ code, label: tierLabel(code, lang), n: summary.byTier![i] }))} />
          )}
        </>
      )}
      {parksError ? <p className="form-error" role="alert">{t('parksError')}{parksError}</p> : !parks ? <p role="status">{t('loadingParks')}</p> : (
        <>
          <ParkStatusTable parks={parks.parks} caption={tf('parksInArea', { n: parks.parks.length })} testId="selection-parks" />
          <h3>{t('valueParksTouched')}</h3>
          {parks.valueParks.length ? (
            <ul className="plain" data-testid="selection-value-parks">
              {parks.valueParks.map((v) => (
                <li key={v.id}><button type="button" className="link" onClick={() => select({ kind: 'valuePark', id: v.id })}>{valueParkName(v.properties, lang)}</button></li>
              ))}
            </ul>
          ) : <p className="muted" data-testid="selection-value-parks">{t('none')}</p>}
        </>
      )}
      <Suspense fallback={<PartLoading />}><ExportDialog /></Suspense>
      <h3>{t('listTitle')}</h3>
      <SelectionList />
    </PanelFrame>
  );
}
