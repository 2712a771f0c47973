// Endpoints of the classification standard (architecture §4, "The classification standard"):
// the standard and its versions, drafts, the preview of a draft, activation, the suggestions.
import type { StandardCategory, StandardPreview, StandardRule, StandardSuggestion, ZoneType } from '../../domain/renovation-standard.ts';
import { get, request } from './client.ts';

import type { StandardStatus, StandardVersion, StandardVersionSummary } from '../../domain/renovation-standard.ts';
export type { StandardStatus, StandardVersion, StandardVersionSummary };

export interface StandardAnswer {
  active: StandardVersion | null;
  draft: StandardVersion | null;
  versions: StandardVersionSummary[];
  zones: { zoneType: ZoneType; count: number; demo: number }[];
}

export interface SuggestionsAnswer {
  version: { id: number; version: number; status: StandardStatus } | null;
  efficiencyYear: string | null;
  zoneTypesLoaded: ZoneType[];
  items: StandardSuggestion[];
}

export interface PreviewAnswer extends StandardPreview {
  from: { id: number; version: number } | null;
  to: { id: number; version: number; status: StandardStatus };
  efficiencyYear: string | null;
}

export const fetchStandard = (signal?: AbortSignal) => get<StandardAnswer>('/api/standard', signal);

export const fetchSuggestions = (parkIds: number[], signal?: AbortSignal) => get<SuggestionsAnswer>(`/api/standard/suggestions?parks=${parkIds.join(',')}`, signal);

export const fetchContradictions = (signal?: AbortSignal) =>
  get<{ version: SuggestionsAnswer['version']; items: [number, StandardCategory][] }>('/api/standard/contradictions', signal);

export const fetchPreview = (id: number, signal?: AbortSignal) => get<PreviewAnswer>(`/api/standard/versions/${id}/preview`, signal);

export async function createDraft(rules: StandardRule[], note: string, basedOn: number | null): Promise<StandardVersion> {
  return (await request<StandardVersion>('POST', '/api/standard/versions', { json: basedOn === null ? { rules, note } : { rules, note, basedOn } })).body;
}

export async function saveDraft(id: number, rules: StandardRule[], note: string): Promise<StandardVersion> {
  return (await request<StandardVersion>('PUT', `/api/standard/versions/${id}`, { json: { rules, note } })).body;
}

export async function discardDraft(id: number): Promise<void> {
  await request('DELETE', `/api/standard/versions/${id}`);
}

export async function activateVersion(id: number): Promise<StandardVersion> {
  return (await request<StandardVersion>('POST', `/api/standard/versions/${id}/activate`)).body;
}
