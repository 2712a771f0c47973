// Connects the drawing tools to the store: the draw mode chosen in the sidebar starts terra-draw,
// a finished shape becomes (or joins) the area, edits replace it, a click on a district while
// picking toggles it in the filter, and Escape leaves any tool.
//
// terra-draw and its maplibre adapter are a chunk of their own, fetched the first time a drawing
// or editing mode is chosen (the first screen does without them). Until the tool is running,
// `useDrawTool` says it is not ready, so the sidebar shows a loading line instead of the hint.
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { DrawController } from '../map/draw-controller.ts';
import type { MapController } from '../map/map-controller.ts';
import { area } from '@turf/area';
import { length } from '@turf/length';
import { useMeasureStore } from '../state/measure-store.ts';
import { useAppStore, type DrawMode } from '../state/store.ts';

/** Whether terra-draw is loaded and running the chosen mode. */
export const useDrawTool = create<{ ready: boolean }>(() => ({ ready: false }));

/** Modes that need terra-draw (picking districts does not). */
const needsTool = (mode: DrawMode | null) => mode !== null && mode !== 'pickDistricts';

export function useDrawing(controller: MapController | null): void {
  const drawMode = useAppStore((s) => s.drawMode);
  const [draw, setDraw] = useState<DrawController | null>(null);
  const wanted = needsTool(drawMode);
  /** The map terra-draw was (or is being) loaded for, and the map still shown. */
  const requested = useRef<MapController | null>(null);
  const live = useRef<MapController | null>(null);

  useEffect(() => {
    live.current = controller;
    return () => {
      live.current = null;
      setDraw(null);
    };
  }, [controller]);

  // Loads terra-draw the first time a drawing or editing mode is chosen, and keeps it for this map.
  useEffect(() => {
    if (!controller || !wanted || requested.current === controller) return;
    requested.current = controller;
    import('../map/draw-controller.ts').then(
      ({ DrawController }) => controller.onLoaded(() => {
        if (live.current !== controller) return;
        const made = new DrawController(controller.map);
        (window as unknown as { __igisDraw?: unknown }).__igisDraw = made;
        setDraw(made);
      }),
      () => {
        // The chunk could not be fetched (offline, a new deployment): leave the mode; choosing it again retries.
        if (requested.current === controller) requested.current = null;
        useAppStore.getState().setDrawMode(null);
      },
    );
  }, [controller, wanted]);

  // Destroyed with its map (before it: hooks' cleanups run in order, and MapView's map effect comes later).
  useEffect(() => {
    if (!draw) return;
    return () => {
      draw.destroy();
      useDrawTool.setState({ ready: false });
    };
  }, [draw]);

  useEffect(() => {
    if (!draw) return;
    const s = useAppStore.getState();
    if (drawMode === 'polygon' || drawMode === 'rectangle' || drawMode === 'circle' || drawMode === 'line') {
      useDrawTool.setState({ ready: true });
      draw.startDrawing(drawMode, (result) => {
        const now = useAppStore.getState();
        if (result.shape === 'line') now.setArea({ kind: 'buffer', target: { kind: 'line', coordinates: result.geometry.coordinates }, km: now.bufferKm });
        else now.setArea({ kind: 'shapes', polygons: [...(now.area?.kind === 'shapes' ? now.area.polygons : []), result.geometry] });
      });
    } else if (drawMode === 'measureLine' || drawMode === 'measureArea') {
      useDrawTool.setState({ ready: true });
      // A measurement is drawn like an area but does not filter anything; the tool stays on for the next one.
      draw.startDrawing(drawMode === 'measureLine' ? 'line' : 'polygon', (result) => {
        const set = useMeasureStore.getState().setMeasurement;
        if (result.shape === 'line') set({ kind: 'length', meters: length({ type: 'Feature', properties: {}, geometry: result.geometry }, { units: 'meters' }), geometry: result.geometry });
        else set({ kind: 'area', squareMeters: area(result.geometry), geometry: result.geometry });
      });
    } else if (drawMode === 'edit' && s.area?.kind === 'shapes') {
      useDrawTool.setState({ ready: true });
      // The editor is loaded once; its own edits then replace the area without reloading it.
      draw.startEditing(s.area.polygons, (polygons) => {
        const now = useAppStore.getState();
        now.setArea(polygons.length ? { kind: 'shapes', polygons } : null);
        if (!polygons.length) now.setDrawMode(null);
      });
    } else draw.stop();
  }, [draw, drawMode]);

  // The measured line or polygon is drawn on the map while its figure is shown.
  const measurement = useMeasureStore((m) => m.measurement);
  useEffect(() => controller?.setMeasureShape(measurement?.geometry ?? null), [controller, measurement]);

  useEffect(() => {
    if (!controller || drawMode !== 'pickDistricts') return;
    return controller.onDistrictClick((code) => useAppStore.getState().toggleFilter('districts', code));
  }, [controller, drawMode]);

  useEffect(() => {
    if (!drawMode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useAppStore.getState().setDrawMode(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawMode]);
}
