// Drawing and editing the spatial filter area on the map, with terra-draw and its maplibre adapter.
// The controller draws one shape at a time (polygon, rectangle, circle, or a line to buffer) and
// hands it back as GeoJSON; in edit mode it loads the area's polygons, lets the user drag vertices,
// midpoints or whole shapes, and reports the edited polygons after every change.
// The resolved area (whatever its source) is shown by map-controller's area layer, not here.
import {
  TerraDraw, TerraDrawCircleMode, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawRectangleMode, TerraDrawSelectMode,
  ValidateNotSelfIntersecting, type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LineString, Polygon } from 'geojson';

export type DrawShape = 'polygon' | 'rectangle' | 'circle' | 'line';
export type DrawResult = { shape: Exclude<DrawShape, 'line'>; geometry: Polygon } | { shape: 'line'; geometry: LineString };

const AREA_COLOR = '#d9480f';
const EDITABLE = {
  feature: {
    draggable: true,
    coordinates: { midpoints: true, draggable: true, deletable: true },
  },
} as const;
const MODE_NAMES: Record<DrawShape, string> = { polygon: 'polygon', rectangle: 'rectangle', circle: 'circle', line: 'linestring' };

export class DrawController {
  readonly draw: TerraDraw;
  private onDrawn: ((result: DrawResult) => void) | null = null;
  private onEdited: ((polygons: Polygon[]) => void) | null = null;

  constructor(map: MapLibreMap) {
    const polygonStyles = { fillColor: AREA_COLOR, fillOpacity: 0.12, outlineColor: AREA_COLOR, outlineWidth: 2 } as const;
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 7 }),
      modes: [
        new TerraDrawPolygonMode({
          styles: polygonStyles,
          validation: (feature, { updateType }) => (updateType === 'finish' || updateType === 'commit' ? ValidateNotSelfIntersecting(feature) : { valid: true }),
        }),
        new TerraDrawRectangleMode({ styles: polygonStyles }),
        new TerraDrawCircleMode({ styles: polygonStyles }),
        new TerraDrawLineStringMode({ styles: { lineStringColor: AREA_COLOR, lineStringWidth: 3 } }),
        new TerraDrawSelectMode({
          flags: { polygon: EDITABLE, rectangle: EDITABLE, circle: EDITABLE },
          styles: { selectedPolygonColor: AREA_COLOR, selectedPolygonOutlineColor: AREA_COLOR, selectedPolygonFillOpacity: 0.2 },
        }),
      ],
    });
    this.draw.start();
    this.draw.on('finish', (id, context) => {
      const feature = this.draw.getSnapshotFeature(id);
      if (!feature) return;
      if (context.mode === 'select') return this.onEdited?.(this.polygons());
      const shape = (Object.keys(MODE_NAMES) as DrawShape[]).find((k) => MODE_NAMES[k] === context.mode);
      if (!shape) return;
      // One shape per gesture: the app turns it into the area, which the area layer shows.
      this.draw.clear();
      if (shape === 'line') this.onDrawn?.({ shape, geometry: feature.geometry as LineString });
      else this.onDrawn?.({ shape, geometry: feature.geometry as Polygon });
    });
  }

  /** Starts drawing a shape; `done` gets it when the user finishes (double-click or click on the first vertex). */
  startDrawing(shape: DrawShape, done: (result: DrawResult) => void): void {
    this.stop();
    this.onDrawn = done;
    this.draw.setMode(MODE_NAMES[shape]);
  }

  /** Loads polygons for editing; `changed` gets all of them after every edit. */
  startEditing(polygons: readonly Polygon[], changed: (polygons: Polygon[]) => void): void {
    this.stop();
    const features: GeoJSONStoreFeatures[] = polygons.map((geometry) => ({
      id: crypto.randomUUID(),
      type: 'Feature',
      properties: { mode: 'polygon' },
      geometry: { type: 'Polygon', coordinates: [geometry.coordinates[0]] },
    }));
    this.draw.addFeatures(features);
    this.onEdited = changed;
    this.draw.setMode('select');
    if (features.length === 1) this.draw.selectFeature(features[0].id!);
  }

  /** The polygons in the editor now. */
  polygons(): Polygon[] {
    return this.draw.getSnapshot().filter((f) => f.geometry.type === 'Polygon' && !f.properties.selectionPoint && !f.properties.midPoint)
      .map((f) => ({ type: 'Polygon', coordinates: (f.geometry as Polygon).coordinates }));
  }

  /** Leaves drawing or editing; nothing is kept in the editor. */
  stop(): void {
    this.onDrawn = null;
    this.onEdited = null;
    if (this.draw.getMode() !== 'static') this.draw.setMode('static');
    this.draw.clear();
  }

  destroy(): void {
    this.draw.stop();
  }
}
