// Keys of the dashboard's warnings card: the warnings (what one may see depends on the role and, for
// officials, the district: viewer in the key) and the rules (administrators). A rule changed
// invalidates both; an import invalidates the warnings (invalidate.ts).
import type { WarningsParams } from '../api/endpoints-warnings.ts';
import type { Viewer } from './viewer.ts';

export const warningKeys = {
  all: ['warnings'] as const,
  list: (viewer: Viewer, params: WarningsParams) => ['warnings', viewer, params] as const,
  rules: ['warning-rules'] as const,
};
