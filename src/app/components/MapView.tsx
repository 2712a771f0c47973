// The map: creates the controller, keeps it in step with the store (layers, overlay, language,
// park statuses, selection, fly requests, basemap) and turns clicks into selections.
import { useEffect, useRef, useState } from 'react';
import { t } from '../i18n/messages.ts';
import type { BasemapConfig } from '../map/basemap.ts';
import { MapController } from '../map/map-controller.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore, type LayerKey, type ParkStatuses } from '../state/store.ts';
import { CITY_BOUNDS } from '../state/url-state.ts';
import { districtsBounds } from '../../domain/district-bounds.ts';
import { useAreaResolver } from './useAreaResolver.ts';
import { useIndustrialBlocks } from './useIndustrialBlocks.ts';
import { useDrawing } from './useDrawing.ts';
import { useEnterpriseLayer } from './useEnterpriseLayer.ts';
import { useKeyProjectLayer } from './useKeyProjects.ts';
import { MapTooltip } from './MapTooltip.tsx';
import { useDistrictChoropleth } from './useDistrictChoropleth.ts';
import { useEfficiencyOverlay } from './useParkEfficiency.ts';
import { useParkTime } from './useParkTime.ts';
import { usePendingProposals } from './useReviews.ts';
import { useStandardStore } from '../state/standard-store.ts';
import { useContradictions } from './useStandard.ts';

const TILES_BASE = `${location.origin}/tiles`;
/** Width of the right-hand panel (app.css .panel). */
const PANEL_WIDTH = 380;

export function MapView({ basemap, vectorBasemap = false }: { basemap: BasemapConfig | null; vectorBasemap?: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const applied = useRef<ParkStatuses>({});
  const { lang, layers, overlay, setMapStatus, parkStatuses, panel, select, setView, fly, basemap: basemapOn, vectorBasemap: vectorBasemapOn } = useAppStore();
  const info = useEnterpriseStore((s) => s.info);
  const client = useEnterpriseLayer(controller);
  const areaGeometry = useAreaStore((s) => s.geometry);
  const tilesVersion = useAppStore((s) => s.tilesVersion);
  useAreaResolver();
  useDrawing(controller);
  useKeyProjectLayer(controller);

  useEffect(() => {
    if (!container.current) return;
    const s = useAppStore.getState();
    const c = new MapController({
      container: container.current,
      lang: s.lang,
      overlay: s.overlay,
      center: s.view.center,
      zoom: s.view.zoom,
      tilesBase: TILES_BASE,
      onReady: () => setMapStatus('ready'),
      onError: (message) => setMapStatus('error', message),
    });
    setController(c);
    // Only a link without a camera: a shared view opens exactly as it was shared.
    if (!new URLSearchParams(window.location.search).has('c')) c.zoomOutToFit(CITY_BOUNDS);
    applied.current = {};
    const offMove = c.onMove((v) => setView({ center: v.center, zoom: v.zoom }));
    // Exposed for browser tests and debugging; read-only use.
    const w = window as unknown as { __igisMap?: unknown; __igisMapController?: unknown; __igisEnterprises?: unknown };
    w.__igisMap = c.map;
    w.__igisMapController = c;
    w.__igisEnterprises = useEnterpriseStore;
    return () => {
      offMove();
      c.destroy();
      setController(null);
    };
  }, [setMapStatus, setView]);

  useEffect(() => {
    if (!controller) return;
    return controller.onClick((hit) => {
      // While drawing or picking, clicks belong to the tool.
      if (useAppStore.getState().drawMode) return;
      if (hit.kind !== 'cluster') return select(hit);
      client?.expansionZoom(hit.clusterId).then((zoom) => controller.flyTo({ center: hit.center, zoom }), () => undefined);
    });
  }, [controller, client, select]);

  // "Inside the parks" is the parks' own outlines: a dashed line over thousands of them hides their colours.
  const outlineArea = useAppStore((s) => s.area?.kind !== 'inside');
  useEffect(() => controller?.setArea(areaGeometry, outlineArea), [controller, areaGeometry, outlineArea]);
  useEffect(() => {
    if (tilesVersion) controller?.reloadTiles(tilesVersion);
  }, [controller, tilesVersion]);
  useEffect(() => controller?.setLanguage(lang), [controller, lang]);
  useEffect(() => controller?.setOverlay(overlay), [controller, overlay]);
  useEffect(() => {
    for (const key of Object.keys(layers) as LayerKey[]) controller?.setLayerVisible(key, layers[key]);
  }, [controller, layers]);
  useEffect(() => controller?.setBasemap(basemap, basemapOn), [controller, basemap, basemapOn]);
  useEffect(() => controller?.setVectorBasemap(vectorBasemap && vectorBasemapOn), [controller, vectorBasemap, vectorBasemapOn]);
  // A district chosen in the filter is outlined, and the map goes to it (to all chosen ones) when one is added.
  const filterDistricts = useAppStore((s) => s.filter.districts);
  const shownDistricts = useRef(filterDistricts);
  useEffect(() => {
    controller?.setDistrictHighlight(filterDistricts);
    const added = filterDistricts.some((d) => !shownDistricts.current.includes(d));
    shownDistricts.current = filterDistricts;
    const bounds = added ? districtsBounds(filterDistricts) : null;
    if (bounds) useAppStore.getState().flyTo({ bounds });
  }, [controller, filterDistricts]);

  // A panel covers the map's right edge: fly so that the target stays in the visible part.
  useEffect(() => {
    const panelOpen = !!useAppStore.getState().panel && (container.current?.clientWidth ?? 0) > 2 * PANEL_WIDTH;
    if (fly) controller?.flyTo(fly, panelOpen ? PANEL_WIDTH : 0);
  }, [controller, fly]);

  // Only the parks whose status object changed are sent to the map. With a date chosen, the parks
  // are drawn as they stood then (every object differs, so switching back redraws them all).
  const parkTime = useParkTime();
  const shown = parkTime.statuses ?? parkStatuses;
  useEffect(() => {
    if (!controller) return;
    const prev = applied.current;
    const changed = Object.values(shown).filter((s) => prev[s.id] !== s);
    if (changed.length) controller.setParkStatuses(changed);
    applied.current = shown;
  }, [controller, shown]);
  useEffect(() => controller?.setChangedParks(parkTime.changed), [controller, parkTime.changed]);
  // The efficiency overlay: computed output per mu where the parks' enterprises reported (feature-state).
  const efficiency = useEfficiencyOverlay();
  useEffect(() => controller?.setParkEfficiency(efficiency.values), [controller, efficiency.values]);
  // Parks with a proposal awaiting the city's review, outlined dashed; a proposal is about now, so not while a past date is shown.
  const { parkIds: pendingParks } = usePendingProposals();
  const pastDate = useAppStore((s) => s.time !== null);
  const pendingShown = pastDate ? null : pendingParks;
  useEffect(() => controller?.setPendingParks(pendingShown ?? new Set()), [controller, pendingShown]);
  // Parks whose category contradicts the classification standard, while the legend's toggle is on (live map only).
  const showContradictions = useStandardStore((s) => s.showContradictions);
  const contradictions = useContradictions(showContradictions && !pastDate);
  useEffect(() => controller?.setContradictingParks(contradictions.ids), [controller, contradictions.ids]);
  // Industrial blocks: fetched the first time the layer is shown or a block is the area or the panel.
  const blockInUse = useAppStore((s) => s.area?.kind === 'block' || s.panel?.kind === 'block');
  const blocksWanted = layers.industrialBlocks || blockInUse;
  const { data: blocks } = useIndustrialBlocks(blocksWanted);
  useEffect(() => controller?.setIndustrialBlocks(blocks ?? []), [controller, blocks]);
  const { colors: districtColors } = useDistrictChoropleth();
  useEffect(() => controller?.setDistrictColors(districtColors), [controller, districtColors]);

  // The selected feature is outlined (parks) or ringed (an enterprise, located by the worker).
  const selection = panel && 'id' in panel ? panel : null;
  const selKey = selection ? `${selection.kind}:${selection.id}` : '';
  useEffect(() => {
    if (!controller) return;
    if (selection?.kind !== 'enterprise') return controller.setSelection(selection);
    let stale = false;
    controller.setSelection(selection, null);
    if (client && info)
      client.locate(selection.id).then((p) => !stale && controller.setSelection(selection, p ? [p.lon, p.lat] : null), () => undefined);
    return () => {
      stale = true;
    };
    // selKey stands for `selection`, which is a new object on every store change.
  }, [controller, client, info, selKey]);

  return (
    <>
      <div ref={container} id="map" className="map" role="region" aria-label={t('mapRegion', lang)} />
      <MapTooltip controller={controller} />
    </>
  );
}
