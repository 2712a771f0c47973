// The renovation picture as GET /api/parks/summary answers it (one definition for server and app).
export interface RenovationSummary {
  asOf: string | null;
  parks: number;
  areaMu: number;
  byStatus: { category: string; progress: string; parks: number; areaMu: number }[];
  pilots: { year: number; parks: number; areaMu: number; target: number | null }[];
  valueParks: { id: number; name: string; nameZhHant: string; nameEn: string; district: string; present: number; elements: number }[];
  valueParkTarget: number | null;
  demo: boolean;
}
