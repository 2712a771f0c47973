// The optional online basemap: a raster tile service named in the runtime configuration. Nothing
// is requested from it unless it is configured and switched on.
import type { RasterSourceSpecification } from 'maplibre-gl';

export interface BasemapConfig {
  /** Tile URL templates ({z}/{x}/{y}); every host named here is contacted when the basemap is on. */
  tiles: string[];
  attribution: string;
  tileSize?: number;
  maxzoom?: number;
}

export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_LAYER = 'basemap';

export const basemapSource = (c: BasemapConfig): RasterSourceSpecification => ({
  type: 'raster',
  tiles: c.tiles,
  tileSize: c.tileSize ?? 256,
  maxzoom: c.maxzoom ?? 18,
  attribution: c.attribution,
});
