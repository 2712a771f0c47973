// Turns the chosen area (app store) into its geometry (area store), through resolveArea.
import { useEffect } from 'react';
import { resolveArea } from '../api/area-resolve.ts';
import { ApiError } from '../api/client.ts';
import { reasonText } from './error-text.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useAppStore } from '../state/store.ts';

export function useAreaResolver(): void {
  const area = useAppStore((s) => s.area);
  useEffect(() => {
    const store = useAreaStore.getState();
    if (!area) return store.setResolved(null);
    let stale = false;
    store.setResolving();
    resolveArea(area).then(
      (geometry) => !stale && useAreaStore.getState().setResolved(geometry),
      // The server's refusal (too many vertices, an invalid polygon) in the user's language.
      (err: Error) => !stale && useAreaStore.getState().setError(err instanceof ApiError ? reasonText(err, useAppStore.getState().lang) : err.message),
    );
    return () => {
      stale = true;
    };
  }, [area]);
}
