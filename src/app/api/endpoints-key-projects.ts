// Endpoints of the key projects (重点项目): the list as GeoJSON and the summary for the dashboard.
import type { KeyProject, KeyProjectStatus, KeyProjectThresholds } from '../../domain/key-projects.ts';
import { get } from './client.ts';

export interface KeyProjectFeature {
  type: 'Feature';
  id: number;
  properties: KeyProject;
  geometry: GeoJSON.Point | GeoJSON.Polygon;
}

export interface KeyProjectList {
  type: 'FeatureCollection';
  demo: boolean;
  thresholds: KeyProjectThresholds;
  features: KeyProjectFeature[];
}

export interface KeyProjectCounts {
  total: number;
  eligible: number;
  investmentYuan: number;
  eligibleInvestmentYuan: number;
}

export interface KeyProjectSummary extends KeyProjectCounts {
  byDistrict: (KeyProjectCounts & { district: string | null })[];
  byCluster: (KeyProjectCounts & { cluster: string | null })[];
  byStatus: (KeyProjectCounts & { status: KeyProjectStatus })[];
  demo: boolean;
  thresholds: KeyProjectThresholds;
}

export interface KeyProjectQuery {
  clusters?: readonly string[];
  districts?: readonly string[];
}

function query(q: KeyProjectQuery): string {
  const p = new URLSearchParams();
  if (q.clusters?.length) p.set('cluster', q.clusters.join(','));
  if (q.districts?.length) p.set('district', q.districts.join(','));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const fetchKeyProjects = (signal?: AbortSignal) => get<KeyProjectList>('/api/key-projects', signal);
export const fetchKeyProjectSummary = (q: KeyProjectQuery, signal?: AbortSignal) => get<KeyProjectSummary>(`/api/key-projects/summary${query(q)}`, signal);
