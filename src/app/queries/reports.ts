// Keys of the dashboard's reports card: the reports the caller may read (archive only for some
// roles: viewer in the key) and the schedules (administrators only). The card invalidates them after
// a request, a publication or a schedule changed.
import type { Viewer } from './viewer.ts';

export const reportKeys = {
  all: ['reports'] as const,
  list: (viewer: Viewer) => ['reports', viewer] as const,
  schedules: ['report-schedules'] as const,
};
