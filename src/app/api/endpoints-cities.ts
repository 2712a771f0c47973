// Endpoints of the key-city indicators (重点城市指标对比): published figures with their sources.
import type { CityFigureChange, CityFigureInput, CityFigureRow } from '../../domain/monitoring/city-indicators.ts';
import { get, request } from './client.ts';

/** One figure as GET /api/city-indicators answers it (value null: no published figure). */
export type CityFigureView = CityFigureRow;
export type { CityFigureChange };

export interface CityFigureQuery {
  years?: number[];
  cities?: string[];
  indicators?: string[];
}

export function fetchCityIndicators(q: CityFigureQuery, signal?: AbortSignal): Promise<CityFigureView[]> {
  const p = new URLSearchParams();
  if (q.years?.length) p.set('years', q.years.join(','));
  if (q.cities?.length) p.set('cities', q.cities.join(','));
  if (q.indicators?.length) p.set('indicators', q.indicators.join(','));
  const qs = p.toString();
  return get<{ items: CityFigureView[] }>(`/api/city-indicators${qs ? `?${qs}` : ''}`, signal).then((r) => r.items);
}

export const fetchCityFigureHistory = (id: number, signal?: AbortSignal) =>
  get<{ items: CityFigureChange[] }>(`/api/city-indicators/${id}/history`, signal).then((r) => r.items);

/** The fields an administrator edits. */
export type CityFigureEdit = Pick<CityFigureInput, 'value' | 'denominator' | 'coverage' | 'qualifier' | 'sourceTitle' | 'sourceUrl' | 'note'>;

/** Corrects a figure; `version` is the one the user saw (stale → ApiError 412, invalid → 400 naming the problem). */
export async function updateCityFigure(id: number, version: number, edit: CityFigureEdit, reason: string): Promise<CityFigureView> {
  return (await request<CityFigureView>('PATCH', `/api/city-indicators/${id}`, { json: { ...edit, version, reason } })).body;
}

/** Adds a figure where none is stored (one per city, indicator and year → 409 otherwise). */
export async function addCityFigure(figure: CityFigureEdit & { city: string; indicator: string; year: number }, reason: string): Promise<CityFigureView> {
  return (await request<CityFigureView>('POST', '/api/city-indicators', { json: { ...figure, reason } })).body;
}
