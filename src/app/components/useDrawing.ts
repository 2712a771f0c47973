// Connects the drawing tools to the store: the draw mode chosen in the sidebar starts terra-draw,
// a finished shape becomes (or joins) the area, edits replace it, a click on a district while
// picking toggles it in the filter, and Escape leaves any tool.
import { useEffect } from 'react';
import type { DrawController } from '../map/draw-controller.ts';
import type { MapController } from '../map/map-controller.ts';
import { useAppStore } from '../state/store.ts';

export function useDrawing(controller: MapController | null, draw: DrawController | null): void {
  const drawMode = useAppStore((s) => s.drawMode);

  useEffect(() => {
    if (!draw) return;
    const s = useAppStore.getState();
    if (drawMode === 'polygon' || drawMode === 'rectangle' || drawMode === 'circle' || drawMode === 'line') {
      draw.startDrawing(drawMode, (result) => {
        const now = useAppStore.getState();
        if (result.shape === 'line') now.setArea({ kind: 'buffer', target: { kind: 'line', coordinates: result.geometry.coordinates }, km: now.bufferKm });
        else now.setArea({ kind: 'shapes', polygons: [...(now.area?.kind === 'shapes' ? now.area.polygons : []), result.geometry] });
      });
    } else if (drawMode === 'edit' && s.area?.kind === 'shapes') {
      // The editor is loaded once; its own edits then replace the area without reloading it.
      draw.startEditing(s.area.polygons, (polygons) => {
        const now = useAppStore.getState();
        now.setArea(polygons.length ? { kind: 'shapes', polygons } : null);
        if (!polygons.length) now.setDrawMode(null);
      });
    } else draw.stop();
  }, [draw, drawMode]);

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
