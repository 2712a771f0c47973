// The import panel's reads: the latest imports and the saved column mappings of a kind. Keys start
// with 'imports'; the panel invalidates them after a check, an apply or a mapping saved.
import { useQuery } from '@tanstack/react-query';
import type { ImportKind } from '../../domain/import/import-types.ts';
import { fetchImports, fetchMappings } from '../api/endpoints-imports.ts';
import { queryClient } from '../api/query-client.ts';
import { useViewer, type Viewer } from './viewer.ts';

export const importKeys = {
  all: ['imports'] as const,
  list: (viewer: Viewer) => ['imports', viewer, 'list'] as const,
  mappings: (viewer: Viewer, kind: ImportKind) => ['imports', viewer, 'mappings', kind] as const,
};

/** The latest 20 imports (administrators). */
export function useImports() {
  const viewer = useViewer();
  return useQuery({ queryKey: importKeys.list(viewer ?? ''), queryFn: ({ signal }) => fetchImports(signal), enabled: viewer !== null, staleTime: 0 });
}

/** The column mappings saved for a kind. */
export function useImportMappings(kind: ImportKind) {
  const viewer = useViewer();
  return useQuery({ queryKey: importKeys.mappings(viewer ?? '', kind), queryFn: ({ signal }) => fetchMappings(kind, signal), enabled: viewer !== null, staleTime: 0 });
}

/** A file was checked or applied, or a mapping saved: the lists are asked again. */
export const importsChanged = () => queryClient.invalidateQueries({ queryKey: importKeys.all });
