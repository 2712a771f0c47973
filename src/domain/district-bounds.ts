// Each district's bounding box (west, south, east, north), rounded out to 0.01°, from
// data/boundaries/guangzhou-districts.geojson: the app zooms to a district chosen in the filter
// without loading its outline. tests/unit/district-bounds.test.ts checks them against the file.
export const DISTRICT_BOUNDS: Readonly<Record<string, readonly [number, number, number, number]>> = {
  440103: [113.17, 23.04, 113.28, 23.17],
  440104: [113.23, 23.1, 113.32, 23.18],
  440105: [113.23, 23.04, 113.42, 23.12],
  440106: [113.29, 23.1, 113.45, 23.25],
  440111: [113.14, 23.14, 113.51, 23.44],
  440112: [113.39, 23.03, 113.61, 23.42],
  440113: [113.24, 22.86, 113.58, 23.09],
  440114: [112.95, 23.25, 113.48, 23.62],
  440115: [113.29, 22.51, 113.74, 22.92],
  440117: [113.27, 23.37, 114.06, 23.94],
  440118: [113.54, 23.08, 114, 23.63],
};

/** The box holding every district of `codes`; null when none is known. */
export function districtsBounds(codes: readonly string[]): [number, number, number, number] | null {
  const boxes = codes.map((c) => DISTRICT_BOUNDS[c]).filter((b) => b !== undefined);
  if (!boxes.length) return null;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
