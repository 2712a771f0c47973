// One month of an enterprise's operating figures: the fields an import row carries, the database
// stores and the API returns (money in yuan, flows for the month alone, employees at the month's end).
export interface MonthFigureValues {
  /** YYYYMM. */
  month: number;
  revenue: number;
  output: number;
  valueAdded: number;
  /** Value added was not reported and is estimated from output (estimateValueAdded). */
  valueAddedEstimated: boolean;
  profit: number;
  tax: number;
  employees: number;
}
