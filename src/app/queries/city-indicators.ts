// Keys of the key-city comparison (the dashboard's CityComparisonCard): published figures, the same
// for every role. An edit or an import of city indicators invalidates `all`.
export const cityIndicatorKeys = {
  all: ['cityIndicators'] as const,
  comparison: (indicator: string, years: readonly number[]) => ['cityIndicators', indicator, years] as const,
};
