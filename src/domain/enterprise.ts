// The enterprise record (企业库 entry): the one declaration of its fields, as the API answers them
// (GET /api/enterprises, /api/enterprises/:id; the server's `ENTERPRISE_COLUMNS` maps a database row
// to it). Every other shape of an enterprise — the app's answer type, an import row, the worker's
// payload record, the demo generator's output — is derived from it with Pick/Omit, so a field that
// changes here is a compile error everywhere it is used (tests/unit/entities.test.ts).
import type { DistrictCode } from './taxonomy.ts';

export interface Enterprise {
  /** Database id (stable across imports, which match enterprises by credit code). */
  id: number;
  name: string;
  /** Unified social credit code (GB 32100, 18 characters; checked by domain/credit-code.ts). */
  creditCode: string;
  /** Industry-cluster code of the plan (taxonomy `clusters`, `other` outside them). */
  cluster: string;
  /** Sub-industry code within the cluster (taxonomy `clusters[].subIndustries`). */
  subIndustry: string;
  /** GB/T 4754-2017 class (4 digits); null when unknown. */
  industryCode: string | null;
  /** The class's official name (table `industry_classes`); null when the class is unknown. */
  industryName: string | null;
  /** Future-industry code (taxonomy `futureIndustries`), or null. */
  futureIndustry: string | null;
  /** Tag codes (taxonomy `enterpriseTags`), in any order. */
  tags: string[];
  /** Annual revenue in yuan. Confidential: only for the roles of `mayReadConfidential` (domain/permissions.ts). */
  revenue: number;
  /** Employees; null when not reported. */
  employees: number | null;
  district: DistrictCode;
  /** Town (街镇) code within the district (domain/towns.ts). */
  town: string;
  address: string;
  /** WGS84 degrees (six decimals stored). */
  lon: number;
  lat: number;
  /** The village industrial park and the value-innovation park the enterprise lies in, if any. */
  villageParkId: number | null;
  valueParkId: number | null;
  /** Synthetic demo data rather than an imported real record. */
  demo: boolean;
}

/** Fields only the roles that read confidential figures receive; the others get the record without them. */
export const CONFIDENTIAL_ENTERPRISE_FIELDS = ['revenue'] as const satisfies readonly (keyof Enterprise)[];
export type ConfidentialEnterpriseField = (typeof CONFIDENTIAL_ENTERPRISE_FIELDS)[number];

/** An enterprise as a caller receives it: the confidential fields are present only for staff. */
export type EnterpriseAnswer = Omit<Enterprise, ConfidentialEnterpriseField> & Partial<Pick<Enterprise, ConfidentialEnterpriseField>>;

/** The fields an enterprise import file gives (the rest is derived: district, town and parks from the location). */
export type ImportedEnterpriseFields = Pick<Enterprise,
  'creditCode' | 'name' | 'cluster' | 'subIndustry' | 'industryCode' | 'futureIndustry' | 'tags' | 'revenue' | 'employees' | 'address' | 'lon' | 'lat'>;

/** The fields the map's worker needs of every enterprise (the columnar payload, domain/enterprise-payload.ts). */
export type PayloadEnterpriseFields = Pick<Enterprise,
  'id' | 'lon' | 'lat' | 'cluster' | 'subIndustry' | 'futureIndustry' | 'revenue' | 'town' | 'villageParkId' | 'valueParkId'>;
