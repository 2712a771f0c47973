// The hover tooltip over the map: a district (with its choropleth figure), a village park (with
// the status shown, on the chosen date when there is one), a value park, an enterprise or a bubble.
import { useEffect, useState } from 'react';
import { label, taxonomy } from '../../domain/taxonomy.ts';
import { formatNumber } from '../i18n/format.ts';
import { formatValue } from '../i18n/indicator-format.ts';
import { clusterLabel, districtLabel, valueParkName } from '../i18n/labels.ts';
import type { HoverHit, MapController } from '../map/map-controller.ts';
import { useEnterprise } from '../queries/enterprises.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore, type ParkStatuses } from '../state/store.ts';
import { useDistrictChoropleth } from '../hooks/useDistrictChoropleth.ts';
import { useParkTime } from '../hooks/useParkTime.ts';
import { KeyProjectTip } from './KeyProjectTip.tsx';
import { useT } from '../i18n/use-t.ts';

/** Waits this long on an enterprise before asking the server for its name. */
const ENTERPRISE_DELAY_MS = 150;

function EnterpriseName({ id }: { id: number }) {
  const lang = useAppStore((s) => s.lang);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(true), ENTERPRISE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [id]);
  const q = useEnterprise(id, asked);
  if (!q.data) return <strong>…</strong>;
  return <><strong>{q.data.name}</strong>{clusterLabel(q.data.cluster, lang)}</>;
}

/** How many industries a bubble's tooltip names, largest first. */
const BUBBLE_INDUSTRIES = 3;

/** A bubble: how many enterprises, how many of them carry a key distinction, and its largest industries. */
function BubbleSummary({ hit }: { hit: Extract<HoverHit, { kind: 'cluster' }> }) {
  const { t, tf, lang } = useT();
  const codes = useEnterpriseStore((s) => s.info?.dictionaries.clusters);
  const total = hit.composition.reduce((a, b) => a + b, 0);
  const top = codes && total > 0
    ? hit.composition.map((n, i) => ({ n, code: codes[i] })).filter((x) => x.n > 0 && x.code !== undefined).sort((a, b) => b.n - a.n).slice(0, BUBBLE_INDUSTRIES)
    : [];
  return (
    <>
      <strong>{tf('tooltipClusterCount', { count: hit.count })}</strong>
      {hit.keyCount > 0 && <span className="line" data-testid="bubble-key-count">{tf('tooltipClusterKey', { count: formatNumber(hit.keyCount, lang) })}</span>}
      {top.length > 0 && (
        <span className="line" data-testid="bubble-industries">
          {top.map((x) => `${clusterLabel(x.code, lang)} ${formatNumber(Math.round((x.n / total) * 100), lang)}%`).join(t('tooltipListSeparator'))}
        </span>
      )}
      <span className="line muted">{t('tooltipClusterZoom')}</span>
    </>
  );
}

export function MapTooltip({ controller }: { controller: MapController | null }) {
  const [hit, setHit] = useState<HoverHit | null>(null);
  const { t, tf, lang } = useT();
  const live = useAppStore((s) => s.parkStatuses);
  const drawMode = useAppStore((s) => s.drawMode);
  const time = useAppStore((s) => s.time);
  const parkTime = useParkTime();
  const choropleth = useDistrictChoropleth();
  useEffect(() => controller?.onHover(setHit), [controller]);
  // Touch screens have no hover, and a tooltip would sit under the finger while drawing.
  if (!hit || drawMode) return null;
  const statuses: ParkStatuses = parkTime.statuses ?? live;
  let body: React.ReactNode = null;
  if (hit.kind === 'district') {
    const row = choropleth.rows[hit.code];
    body = (
      <>
        <strong>{districtLabel(hit.code, lang)}</strong>
        {choropleth.answer && (row && !row.suppressed && row.value !== null ? formatValue(row.value, choropleth.answer.unit, lang) : t(row?.suppressed ? 'choroplethSuppressed' : 'choroplethNoData'))}
      </>
    );
  } else if (hit.kind === 'park') {
    const s = statuses[hit.id];
    const category = s && taxonomy.renovationCategories.find((c) => c.code === s.category);
    const progress = s && taxonomy.renovationProgress.find((p) => p.code === s.progress);
    const when = time ? tf('tooltipStatusOn', { date: time.kind === 'asOf' ? time.date : time.to }) : null;
    body = (
      <>
        <strong>{hit.name}</strong>
        {category && progress ? `${when ? `${when}：` : ''}${label(category, lang)} · ${label(progress, lang)}` : null}
        {parkTime.changed?.has(hit.id) && <><br />{t('legendChanged')}</>}
      </>
    );
  } else if (hit.kind === 'valuePark') body = <strong>{valueParkName({ name: hit.names['zh-Hans'], nameZhHant: hit.names['zh-Hant'], nameEn: hit.names.en }, lang)}</strong>;
  else if (hit.kind === 'cluster') body = <BubbleSummary hit={hit} />;
  else if (hit.kind === 'block') body = <><strong>{hit.name}</strong>{t('industrialBlocks')} · {t(hit.level === 'first' ? 'blockLevelFirst' : hit.level === 'second' ? 'blockLevelSecond' : 'blockLevelNone')}</>;
  else if (hit.kind === 'keyProject') body = <KeyProjectTip id={hit.id} name={hit.name} />;
  else body = <EnterpriseName id={hit.id} />;
  return (
    <div className="map-tooltip" role="tooltip" data-testid="map-tooltip" style={{ left: hit.x + 14, top: hit.y + 14 }}>
      {body}
    </div>
  );
}
