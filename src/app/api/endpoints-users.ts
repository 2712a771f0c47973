// Endpoints of account management (administrators).
import { get, request } from './client.ts';
import type { Role } from '../../domain/permissions.ts';

export interface UserAccount {
  id: number;
  username: string;
  role: Role;
  district: string | null;
  disabled: boolean;
}

export interface UserChange {
  password?: string;
  role?: Role;
  district?: string | null;
  disabled?: boolean;
}

export const fetchUsers = async (signal?: AbortSignal) => (await get<{ items: UserAccount[] }>('/api/users', signal)).items;
export const createUser = async (body: UserChange & { username: string; password: string; role: Role }) =>
  (await request<UserAccount>('POST', '/api/users', { json: body })).body;
export const updateUser = async (id: number, change: UserChange) => (await request<UserAccount>('PATCH', `/api/users/${id}`, { json: change })).body;
