// Keys of the industrial blocks: the list of blocks with outlines (public, the same for every role:
// no viewer) and a block's report, whose figures are suppressed for some roles (viewer in the key).
import type { Lang } from '../../domain/taxonomy.ts';
import type { Viewer } from './viewer.ts';

export const blockKeys = {
  list: ['industrial-blocks'] as const,
  reports: ['block-report'] as const,
  report: (viewer: Viewer, id: number, year: number | null, lang: Lang) => ['block-report', viewer, id, year, lang] as const,
};
