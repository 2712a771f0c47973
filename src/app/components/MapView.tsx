// The map: creates the controller (provided to the app as a service, services.ts), keeps it in
// step with the store (layers, overlay, language, park statuses, selection, basemap), reports the
// camera after every move (state/camera.ts, not the store, so a pan re-renders nothing), follows fly
// requests and turns clicks into selections.
import { useEffect, useRef } from 'react';
import type { BasemapConfig } from '../map/basemap.ts';
import { MapController } from '../map/map-controller.ts';
import { provideService, useService, withdrawService } from '../services.ts';
import { flyTo, getCamera, onFlyRequest, setCamera } from '../state/camera.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore, type LayerKey, type ParkStatuses } from '../state/store.ts';
import { CITY_BOUNDS } from '../state/url-state.ts';
import { districtsBounds } from '../../domain/district-bounds.ts';
import { useIndustrialBlocks } from '../hooks/useIndustrialBlocks.ts';
import { useDrawing } from '../hooks/useDrawing.ts';
import { useEnterpriseLayer } from '../hooks/useEnterpriseLayer.ts';
import { useKeyProjectLayer } from '../hooks/useKeyProjects.ts';
import { MapTooltip } from './MapTooltip.tsx';
import { useDistrictChoropleth } from '../hooks/useDistrictChoropleth.ts';
import { useEfficiencyOverlay } from '../hooks/useParkEfficiency.ts';
import { useParkTime } from '../hooks/useParkTime.ts';
import { usePendingProposals } from '../hooks/useReviews.ts';
import { useStandardStore } from '../state/standard-store.ts';
import { useContradictions } from '../hooks/useStandard.ts';
import { useT } from '../i18n/use-t.ts';

const TILES_BASE = `${location.origin}/tiles`;
/** Width of the right-hand panel (app.css .panel). */
const PANEL_WIDTH = 380;

export function MapView({ basemap, vectorBasemap = false }: { basemap: BasemapConfig | null; vectorBasemap?: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useService('map');
  const applied = useRef<ParkStatuses>({});
  const { t, lang } = useT();
  const layers = useAppStore((s) => s.layers);
  const overlay = useAppStore((s) => s.overlay);
  const setMapStatus = useAppStore((s) => s.setMapStatus);
  const parkStatuses = useAppStore((s) => s.parkStatuses);
  const select = useAppStore((s) => s.select);
  const basemapOn = useAppStore((s) => s.basemap);
  const vectorBasemapOn = useAppStore((s) => s.vectorBasemap);
  const info = useEnterpriseStore((s) => s.info);
  const client = useEnterpriseLayer(controller);
  const areaGeometry = useAreaStore((s) => s.geometry);
  const tilesVersion = useAppStore((s) => s.tilesVersion);
  useDrawing(controller);
  useKeyProjectLayer(controller);

  useEffect(() => {
    if (!container.current) return;
    const s = useAppStore.getState();
    const camera = getCamera();
    const c = new MapController({
      container: container.current,
      lang: s.lang,
      overlay: s.overlay,
      center: camera.center,
      zoom: camera.zoom,
      tilesBase: TILES_BASE,
      onReady: () => setMapStatus('ready'),
      onError: (message) => setMapStatus('error', message),
    });
    provideService('map', c);
    // Only a link without a camera: a shared view opens exactly as it was shared.
    if (!new URLSearchParams(window.location.search).has('c')) c.zoomOutToFit(CITY_BOUNDS);
    applied.current = {};
    const offMove = c.onMove((v) => setCamera({ center: v.center, zoom: v.zoom }));
    // A panel covers the map's right edge: fly so that the target stays in the visible part.
    const offFly = onFlyRequest((target) => {
      const panelOpen = !!(useAppStore.getState().pickedFeature || useAppStore.getState().openPanel) && (container.current?.clientWidth ?? 0) > 2 * PANEL_WIDTH;
      c.flyTo(target, panelOpen ? PANEL_WIDTH : 0);
    });
    // Exposed for browser tests and debugging; read-only use.
    const w = window as unknown as { __igisMap?: unknown; __igisMapController?: unknown; __igisEnterprises?: unknown };
    w.__igisMap = c.map;
    w.__igisMapController = c;
    w.__igisEnterprises = useEnterpriseStore;
    return () => {
      offMove();
      offFly();
      withdrawService('map', c);
      c.destroy();
    };
  }, [setMapStatus]);

  useEffect(() => {
    if (!controller) return;
    return controller.onClick((hit) => {
      // While drawing or picking, clicks belong to the tool.
      if (useAppStore.getState().drawMode) return;
      if (hit.kind !== 'cluster') return select(hit);
      client?.expansionZoom(hit.bubbleId).then((zoom) => controller.flyTo({ center: hit.center, zoom }), () => undefined);
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
    if (bounds) flyTo({ bounds });
  }, [controller, filterDistricts]);

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
  const blockInUse = useAppStore((s) => s.area?.kind === 'block' || s.pickedFeature?.kind === 'block');
  const blocksWanted = layers.industrialBlocks || blockInUse;
  const { data: blocks } = useIndustrialBlocks(blocksWanted);
  useEffect(() => controller?.setIndustrialBlocks(blocks ?? []), [controller, blocks]);
  const { colors: districtColors } = useDistrictChoropleth();
  useEffect(() => controller?.setDistrictColors(districtColors), [controller, districtColors]);

  // The selected feature is outlined (parks) or ringed (an enterprise, located by the worker).
  const selection = useAppStore((s) => s.pickedFeature);
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
  }, [controller, client, info, selection]);

  return (
    <>
      <div ref={container} id="map" className="map" role="region" aria-label={t('mapRegion')} />
      <MapTooltip controller={controller} />
    </>
  );
}
