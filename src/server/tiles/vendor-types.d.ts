// Minimal typings for the untyped tile-building packages (geojson-vt 4, vt-pbf 3, @mapbox/vector-tile 1, pbf 3).
// Only what src/server/tiles/vector-tiles.ts and tests/unit/pmtiles.test.ts use. Ambient file: no top-level imports.

declare module 'geojson-vt' {
  /** Tile-space point [x, y] (integers after getTile's transform). */
  export type VtPoint = [number, number];

  export interface VtFeature {
    /** 1 point, 2 line, 3 polygon. */
    type: 1 | 2 | 3;
    /** Points: a list of points. Lines and polygons: a list of rings (polygon rings closed, outer rings first). */
    geometry: VtPoint[] | VtPoint[][];
    tags: Record<string, unknown> | null;
    id?: number | string;
  }

  export interface VtTile {
    features: VtFeature[];
    numPoints: number;
    numSimplified: number;
    numFeatures: number;
    x: number;
    y: number;
    z: number;
    transformed: boolean;
  }

  export interface GeoJsonVtOptions {
    maxZoom?: number;
    indexMaxZoom?: number;
    indexMaxPoints?: number;
    tolerance?: number;
    extent?: number;
    buffer?: number;
    lineMetrics?: boolean;
    promoteId?: string | null;
    generateId?: boolean;
    debug?: number;
  }

  export interface GeoJsonVtIndex {
    getTile(z: number, x: number, y: number): VtTile | null;
    tileCoords: Array<{ z: number; x: number; y: number }>;
  }

  export default function geojsonvt(
    data: import('geojson').FeatureCollection | import('geojson').Feature | import('geojson').Geometry,
    options?: GeoJsonVtOptions,
  ): GeoJsonVtIndex;
}

declare module 'vt-pbf' {
  interface VtPbf {
    fromGeojsonVt(
      layers: Record<string, { features: import('geojson-vt').VtFeature[] }>,
      options?: { version?: number; extent?: number },
    ): Uint8Array;
  }
  const vtpbf: VtPbf;
  export default vtpbf;
}

declare module 'pbf' {
  class Pbf {
    constructor(buf?: Uint8Array | ArrayBuffer);
    pos: number;
    length: number;
  }
  export default Pbf;
}

declare module '@mapbox/vector-tile' {
  interface Point {
    x: number;
    y: number;
  }

  export class VectorTileFeature {
    static types: ['Unknown', 'Point', 'LineString', 'Polygon'];
    id: number | undefined;
    type: 0 | 1 | 2 | 3;
    extent: number;
    properties: Record<string, string | number | boolean>;
    loadGeometry(): Point[][];
    bbox(): [number, number, number, number];
    toGeoJSON(x: number, y: number, z: number): import('geojson').Feature;
  }

  export class VectorTileLayer {
    version: number;
    name: string;
    extent: number;
    length: number;
    feature(i: number): VectorTileFeature;
  }

  export class VectorTile {
    constructor(pbf: import('pbf').default, end?: number);
    layers: Record<string, VectorTileLayer>;
  }

  const vectorTile: {
    VectorTile: typeof VectorTile;
    VectorTileFeature: typeof VectorTileFeature;
    VectorTileLayer: typeof VectorTileLayer;
  };
  export default vectorTile;
}
