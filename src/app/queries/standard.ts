// Keys of the classification standard (hooks/useStandard.ts): its versions, one park's suggestion and
// the parks that contradict it. The kind comes before the viewer so that a park's category edited can
// ask again for every viewer's contradictions at once (`contradictionsAll`); `all` refreshes
// everything after a draft saved, an activation or a zones import.
import type { Viewer } from './viewer.ts';

export const standardKeys = {
  all: ['standard'] as const,
  versions: (viewer: Viewer) => ['standard', 'versions', viewer] as const,
  /** The category is part of the key, so an edit of the park asks again. */
  suggestion: (viewer: Viewer, parkId: number, category: string) => ['standard', 'suggestion', viewer, parkId, category] as const,
  contradictionsAll: ['standard', 'contradictions'] as const,
  contradictions: (viewer: Viewer) => ['standard', 'contradictions', viewer] as const,
};
