// Shapes of our server's JSON answers (see /api/openapi.json and src/server/routes/*).
import type { MultiPolygon, Polygon } from 'geojson';
import type { ParkStatus } from '../../domain/renovation-workflow.ts';
import type { DistrictCode, RenovationCategory, RenovationProgress } from '../../domain/taxonomy.ts';

export type Role = 'admin' | 'official' | 'planner' | 'viewer';

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  /** The district an official is bound to; null for the other roles. */
  district: DistrictCode | null;
}

export interface SessionInfo {
  user: SessionUser | null;
  csrfToken: string;
}

export interface ParkProperties {
  code: string;
  name: string;
  district: DistrictCode;
  town: string;
  townName: string;
  village: string;
  areaMu: number;
  buildingAreaM2: number;
  outputPerMu: number;
  /** Only for planners, officials and administrators. */
  taxPerMu?: number;
  category: RenovationCategory;
  progress: RenovationProgress;
  pilotYear: number | null;
  statusDate: string;
  version: number;
  updatedAt: string;
  demo: boolean;
}

export interface ParkFeature {
  type: 'Feature';
  id: number;
  properties: ParkProperties;
  geometry: Polygon | MultiPolygon | null;
}

export interface ParkStatusItem extends ParkStatus {
  id: number;
  version: number;
}

export interface StatusChangeRequest {
  category?: RenovationCategory;
  progress?: RenovationProgress;
  pilotYear?: number | null;
  reason: string;
  effectiveDate: string;
}

export interface HistoryItem {
  version: number;
  changedAt: string;
  changedBy: string;
  source: string;
  effectiveDate: string;
  reason: string;
  from: { category: RenovationCategory | null; progress: RenovationProgress | null; pilotYear: number | null };
  to: ParkStatus;
}

export interface BulkRow {
  line: number;
  parkId: number | null;
  code: string | null;
  name: string | null;
  from: ParkStatus | null;
  to: ParkStatus | null;
  errors: string[];
}

export interface BulkReport {
  id: string | null;
  rows: BulkRow[];
  total: number;
  accepted: number;
  rejected: number;
  fileErrors: string[];
}
