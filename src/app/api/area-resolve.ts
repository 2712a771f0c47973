// An area (as chosen on the map or carried by a permalink) turned into its geometry: drawn shapes at
// once; buffers and "inside the parks" after fetching the park outlines they are built from. Used
// by the map (area store) and by the dashboard ("statistics of this area").
import { combinePolygons, type AreaGeometry, type AreaSpec } from '../../domain/area-geometry.ts';
import { fetchIndustrialBlock } from './endpoints-blocks.ts';
import { fetchPark } from './endpoints.ts';
import { fetchValuePark, loadParkOutlines, loadValueParks } from './endpoints-map.ts';

const outlines = (features: { geometry: AreaGeometry | null }[]) => features.map((f) => f.geometry).filter((g): g is AreaGeometry => !!g);

export async function resolveArea(spec: AreaSpec): Promise<AreaGeometry | null> {
  if (spec.kind === 'shapes') return combinePolygons(spec.polygons);
  if (spec.kind === 'inside') return combinePolygons(outlines(spec.layer === 'villageParks' ? await loadParkOutlines() : await loadValueParks()));
  // An industrial block: its outline, as the server stores it (the same one its report is counted over).
  if (spec.kind === 'block') return (await fetchIndustrialBlock(spec.id)).geometry;
  const t = spec.target;
  // The buffer code (turf + JSTS) is fetched the first time an area is a buffer.
  const { bufferArea } = await import('../../domain/area-buffer.ts');
  if (t.kind === 'line') return bufferArea({ type: 'LineString', coordinates: t.coordinates }, spec.km);
  const feature = t.kind === 'park' ? await fetchPark(t.id) : await fetchValuePark(t.id);
  if (!feature.geometry) throw new Error(`park ${t.id} has no outline`);
  return bufferArea(feature.geometry, spec.km);
}

