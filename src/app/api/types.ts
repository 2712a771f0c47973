// Shapes of our server's JSON answers (see /api/openapi.json and src/server/routes/*). The entities
// themselves (enterprise, village park, value park, roles) are declared once in src/domain and only
// named here as the API answers them.
import type { MonthFigureValues } from '../../domain/monitoring/figures.ts';
import type { ParkStatus, StatusChange } from '../../domain/renovation-workflow.ts';
import type { ProposalStatus, ReviewKind, ReviewRules } from '../../domain/renovation-review.ts';
import type { DistrictCode, RenovationCategory, RenovationProgress } from '../../domain/taxonomy.ts';
import type { SessionUser } from '../../domain/permissions.ts';
import type { EnterpriseAnswer } from '../../domain/enterprise.ts';
import type { ParkFeatureOf, ValueParkProperties, VillageParkAnswer } from '../../domain/parks.ts';

export type { ValueParkElement, ValueParkProperties } from '../../domain/parks.ts';

export type { SessionUser };

export interface SessionInfo {
  user: SessionUser | null;
  csrfToken: string;
}

/** A village park's properties (domain/parks.ts); tax per mu only for planners, officials and administrators. */
export type ParkProperties = VillageParkAnswer;
export type ParkFeature = ParkFeatureOf<ParkProperties>;

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

export type ValueParkFeature = ParkFeatureOf<ValueParkProperties>;

/** An enterprise (domain/enterprise.ts); revenue only for planners, officials and administrators. */
export type Enterprise = EnterpriseAnswer;

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
