// A plan target as the API and the database hold it (one definition for server and app).
export interface Target {
  id: number;
  plan: string;
  /** An indicator metric (output, amValueAdded, amShare …) or a plan count (pilotParks, valueParks). */
  metric: string;
  scope: 'city' | 'cluster' | 'district';
  /** Cluster or district code; '' for the city. */
  key: string;
  year: number;
  /** Yuan for money, a fraction for shares, a count for parks. */
  value: number;
  note: string;
  version: number;
  updatedAt: string;
}

export interface TargetChange {
  version: number;
  changedAt: string;
  username: string;
  reason: string;
  fromValue: number | null;
  toValue: number;
}
