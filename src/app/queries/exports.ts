// What the caller may export (GET /api/exports/policy): layers, fields, row and rate limits. It
// depends on the role, so the viewer is part of the key.
import { useQuery } from '@tanstack/react-query';
import { fetchExportPolicy } from '../api/endpoints-exports.ts';
import { useViewer, type Viewer } from './viewer.ts';

export const exportKeys = {
  policy: (viewer: Viewer) => ['export-policy', viewer] as const,
};

export function useExportPolicy() {
  const viewer = useViewer();
  return useQuery({ queryKey: exportKeys.policy(viewer ?? ''), queryFn: ({ signal }) => fetchExportPolicy(signal), enabled: viewer !== null, staleTime: 0 });
}
