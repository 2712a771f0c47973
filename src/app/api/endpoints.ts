// One typed function per server endpoint the app uses.
import { get, request, setCsrfToken } from './client.ts';
import type { HistoryItem, ParkFeature, ParkStatusItem, SessionInfo, SessionUser, StatusChangeRequest } from './types.ts';

export async function fetchSession(): Promise<SessionUser | null> {
  const s = await get<SessionInfo>('/api/session');
  setCsrfToken(s.csrfToken);
  return s.user;
}

export async function logIn(username: string, password: string): Promise<SessionUser> {
  // The log-in itself needs the anonymous CSRF token; fetch it if the app has not yet.
  await fetchSession();
  const { body } = await request<SessionInfo>('POST', '/api/session', { json: { username, password } });
  setCsrfToken(body.csrfToken);
  return body.user!;
}

export async function logOut(): Promise<void> {
  await request('DELETE', '/api/session');
  setCsrfToken(null);
  await fetchSession();
}

export const fetchPark = (id: number, signal?: AbortSignal) => get<ParkFeature>(`/api/parks/${id}`, signal);

export const fetchParkHistory = async (id: number, signal?: AbortSignal) => (await get<{ items: HistoryItem[] }>(`/api/parks/${id}/history`, signal)).items;

/** Every park's status now, or as it stood on `asOf` (YYYY-MM-DD). */
export const fetchParkStatuses = async (signal?: AbortSignal, asOf?: string) =>
  (await get<{ items: ParkStatusItem[] }>(`/api/parks/statuses${asOf ? `?asOf=${asOf}` : ''}`, signal)).items;

/** PATCH with If-Match, so a change made on a stale version is refused (412) instead of lost. */
export async function updateParkStatus(id: number, version: number, change: StatusChangeRequest): Promise<ParkFeature> {
  return (await request<ParkFeature>('PATCH', `/api/parks/${id}`, { json: change, headers: { 'if-match': `"${version}"` } })).body;
}

