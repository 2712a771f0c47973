// Shapes of our server's JSON answers (see /api/openapi.json and src/server/routes/*).
import type { MultiPolygon, Polygon } from 'geojson';
import type { MonthFigureValues } from '../../domain/monitoring/figures.ts';
import type { ParkStatus, StatusChange } from '../../domain/renovation-workflow.ts';
import type { ProposalStatus, ReviewKind, ReviewRules } from '../../domain/renovation-review.ts';
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
  /** Where the park is (for summaries that follow the district and town filter). */
  district: string;
  town: string;
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
  /** A direct change, an approved proposal, or a review step that did not change the park (architecture §4). */
  step?: 'change' | 'proposed' | 'approved' | 'returned';
  proposal?: { id: number; kinds: ReviewKind[]; proposedBy: string; decidedBy: string | null; comment: string | null };
}

/** A district's proposal for the city's review (GET /api/proposals). */
export interface Proposal {
  id: number;
  parkId: number;
  parkCode: string;
  parkName: string;
  district: DistrictCode;
  town: string;
  kinds: ReviewKind[];
  change: StatusChange;
  reason: string;
  effectiveDate: string;
  baseVersion: number;
  currentVersion: number;
  /** The park changed since: it can only be returned. */
  stale: boolean;
  from: ParkStatus;
  to: ParkStatus;
  source: 'edit' | 'bulk';
  status: ProposalStatus;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  decidedVersion: number | null;
}

export interface ProposalList {
  status: ProposalStatus | 'all';
  items: Proposal[];
  total: number;
  countsByDistrict: Partial<Record<DistrictCode, number>>;
}

export interface ReviewRulesAnswer {
  rules: ReviewRules;
  items: { kind: ReviewKind; needsReview: boolean; updatedBy: string | null; updatedAt: string }[];
}

export interface ValueParkElement {
  code: string;
  present: boolean;
  note: string;
}

export interface ValueParkProperties {
  code: string;
  name: string;
  nameZhHant: string;
  nameEn: string;
  district: DistrictCode;
  /** An industry-cluster code. */
  theme: string;
  areaKm2: number;
  elements: ValueParkElement[];
  enterpriseCount: number;
  version: number;
  updatedAt: string;
  demo: boolean;
}

export interface ValueParkFeature {
  type: 'Feature';
  id: number;
  properties: ValueParkProperties;
  geometry: Polygon | MultiPolygon | null;
}

export interface Enterprise {
  id: number;
  name: string;
  creditCode: string;
  cluster: string;
  subIndustry: string;
  /** GB/T 4754-2017 class (4 digits) and its official name; null when unknown. */
  industryCode: string | null;
  industryName: string | null;
  futureIndustry: string | null;
  tags: string[];
  /** Yuan; only for planners, officials and administrators. */
  revenue?: number;
  /** Null when not reported. */
  employees: number | null;
  district: DistrictCode;
  town: string;
  address: string;
  lon: number;
  lat: number;
  villageParkId: number | null;
  valueParkId: number | null;
  demo: boolean;
}

export interface EnterprisePage {
  total: number;
  limit: number;
  offset: number;
  items: Enterprise[];
}

/** One month of an enterprise's operating figures (GET /api/enterprises/:id/figures), with its vintage. */
export interface MonthFigures extends MonthFigureValues {
  source: 'seed' | 'import';
  importId: string | null;
  recordedAt: string;
}

export interface EnterpriseFigures {
  id: number;
  asOf: string | null;
  unit: 'yuan';
  revisions: number;
  items: MonthFigures[];
}
