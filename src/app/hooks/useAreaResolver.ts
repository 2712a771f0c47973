// Turns the chosen area (app store) into its geometry (area store): drawn shapes at once, the other
// kinds through the cached question of queries/areas.ts. Mounted once, by the app (useAppServices).
import { useEffect, useMemo } from 'react';
import { combinePolygons } from '../../domain/area-geometry.ts';
import { ApiError } from '../api/client.ts';
import { useAreaGeometry } from '../queries/areas.ts';
import { useViewer } from '../queries/viewer.ts';
import { errorText, reasonText } from '../i18n/error-text.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useAppStore } from '../state/store.ts';

export function useAreaResolver(): void {
  const area = useAppStore((s) => s.area);
  // Drawn shapes need no request (and one too big for a link has no key to cache it under).
  const shapes = useMemo(() => (area?.kind === 'shapes' ? combinePolygons(area.polygons) : null), [area]);
  const q = useAreaGeometry(area?.kind === 'shapes' ? null : area, useViewer());
  useEffect(() => {
    const store = useAreaStore.getState();
    if (!area) return store.setResolved(null);
    if (area.kind === 'shapes') return store.setResolved(shapes);
    // The server's refusal (too many vertices, an invalid polygon) in the user's language.
    const err = q.error;
    // A refusal of the browser's own (a buffer out of range) is a ProblemError: errorText words it.
    if (err) return store.setError(err instanceof ApiError ? reasonText(err, useAppStore.getState().lang) : errorText(err, useAppStore.getState().lang));
    if (q.isSuccess) return store.setResolved(q.data?.geometry ?? null);
    store.setResolving();
  }, [area, shapes, q.data, q.error, q.isSuccess]);
}
