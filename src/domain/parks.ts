// The two park records, declared once: a village industrial park (村级工业园) and a value-innovation
// park (价值创新园区), as the properties of the GeoJSON features the API answers (GET /api/parks,
// /api/value-parks; the feature's `id` is the database id). The app's answer types, the import rows
// and the demo generator derive from these with Pick/Omit.
import type { MultiPolygon, Polygon } from 'geojson';
import type { DistrictCode, RenovationCategory, RenovationProgress, ValueParkElementCode } from './taxonomy.ts';

export interface VillageParkProperties {
  /** The park's code, unique in the city. */
  code: string;
  name: string;
  district: DistrictCode;
  /** Town (街镇) code and its name as the source gives it. */
  town: string;
  townName: string;
  village: string;
  areaMu: number;
  buildingAreaM2: number;
  /** Industrial output per mu, yuan. */
  outputPerMu: number;
  /** Tax per mu, yuan. Confidential: only for the roles of `mayReadConfidential` (domain/permissions.ts). */
  taxPerMu: number;
  category: RenovationCategory;
  progress: RenovationProgress;
  /** The plan's year in which the park is a quality-and-efficiency pilot, or null. */
  pilotYear: number | null;
  /** YYYY-MM-DD from which the current status holds. */
  statusDate: string;
  /** Version for If-Match (its ETag). */
  version: number;
  updatedAt: string;
  /** Synthetic demo data rather than an imported real record. */
  demo: boolean;
}

/** A village park as a caller receives it: tax per mu only for staff. */
export type VillageParkAnswer = Omit<VillageParkProperties, 'taxPerMu'> & Partial<Pick<VillageParkProperties, 'taxPerMu'>>;

/** The fields a park import file gives (district and town come from the location). */
export type ImportedVillageParkFields = Pick<VillageParkProperties,
  'code' | 'name' | 'areaMu' | 'buildingAreaM2' | 'outputPerMu' | 'taxPerMu' | 'category' | 'progress' | 'pilotYear'>;

/** One of the six elements of a value-innovation park, with whether it is present. */
export interface ValueParkElement {
  /** A taxonomy `valueParkElements` code (a string, since stored JSON may hold older codes). */
  code: ValueParkElementCode | (string & {});
  present: boolean;
  note: string;
}

export interface ValueParkProperties {
  code: string;
  /** Names in the three languages of the app. */
  name: string;
  nameZhHant: string;
  nameEn: string;
  district: DistrictCode;
  /** An industry-cluster code. */
  theme: string;
  areaKm2: number;
  elements: ValueParkElement[];
  /** Enterprises located in the park. */
  enterpriseCount: number;
  /** Version for If-Match (its ETag). */
  version: number;
  updatedAt: string;
  demo: boolean;
}

/** A park as a GeoJSON feature of the API: `id` is the database id. */
export interface ParkFeatureOf<P> {
  type: 'Feature';
  id: number;
  properties: P;
  geometry: Polygon | MultiPolygon | null;
}
