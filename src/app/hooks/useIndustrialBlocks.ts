// The industrial blocks (工业产业区块) through the query cache: the map's layer, its legend's list,
// the area tools and the area's label share one request, asked for only when one of them needs it.
import { useQuery } from '@tanstack/react-query';
import { fetchIndustrialBlocks, type BlockFeature } from '../api/endpoints-blocks.ts';
import { blockKeys } from '../queries/blocks.ts';

export function useIndustrialBlocks(enabled: boolean) {
  return useQuery({ queryKey: blockKeys.list, queryFn: ({ signal }) => fetchIndustrialBlocks(signal), enabled, staleTime: 5 * 60_000 });
}

/** A block's name from the list, or its id while the list is not in. */
export const blockName = (blocks: readonly BlockFeature[] | undefined, id: number): string => blocks?.find((b) => b.id === id)?.properties.name ?? `#${id}`;

/** West, south, east, north of a block's outline (to fly to it). */
export function blockBounds(b: BlockFeature): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of b.geometry.coordinates)
    for (const [x, y] of poly[0]) {
      w = Math.min(w, x); s = Math.min(s, y); e = Math.max(e, x); n = Math.max(n, y);
    }
  return [w, s, e, n];
}
