// Industrial blocks (工业产业区块): the layer, one block (its outline for the area filter) and a
// block's report (routes/industrial-blocks.ts).
import type { Lang } from '../../domain/taxonomy.ts';
import { get } from './client.ts';

export type BlockLevel = 'first' | 'second';

export interface BlockFeature {
  type: 'Feature';
  id: number;
  properties: {
    code: string;
    name: string;
    level: BlockLevel | null;
    district: string | null;
    areaMu: number;
    enterpriseCount: number;
    demo: boolean;
    version: number;
    updatedAt: string;
  };
  geometry: GeoJSON.MultiPolygon;
}

export interface BlockFigure {
  value: number | null;
  enterprises: number | null;
  suppressed: boolean;
  lastYear: number | null;
  change: number | null;
}

export interface BlockReport {
  block: BlockFeature['properties'] & { id: number };
  year: number | null;
  enterprises: number;
  figures: Record<'reporting' | 'output' | 'revenue' | 'tax' | 'valueAdded', BlockFigure>;
  outputPerMu: number | null;
  outputPerMuSuppressed: boolean;
  villageParks: { id: number; code: string; name: string; district: string; category: string; progress: string; areaMu: number; shareInside: number }[];
  valueParks: { id: number; code: string; name: string; nameZhHant: string; nameEn: string; shareInside: number }[];
  dataThrough: string | null;
  demo: boolean;
}

export const fetchIndustrialBlocks = async (signal?: AbortSignal) => (await get<{ features: BlockFeature[] }>('/api/industrial-blocks', signal)).features;

export const fetchIndustrialBlock = (id: number, signal?: AbortSignal) => get<BlockFeature>(`/api/industrial-blocks/${id}`, signal);

export function fetchBlockReport(id: number, year: number | null, lang: Lang, signal?: AbortSignal): Promise<BlockReport> {
  const q = new URLSearchParams({ lang });
  if (year !== null) q.set('year', String(year));
  return get<BlockReport>(`/api/industrial-blocks/${id}/report?${q}`, signal);
}
