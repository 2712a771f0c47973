// The last measurement drawn on the map (a distance or an area): shown over the map until cleared.
// It is not an area filter and does not go into the permalink.
import type { LineString, Polygon } from 'geojson';
import { create } from 'zustand';

export type Measurement =
  | { kind: 'length'; meters: number; geometry: LineString }
  | { kind: 'area'; squareMeters: number; geometry: Polygon };

export const useMeasureStore = create<{ measurement: Measurement | null; setMeasurement: (m: Measurement | null) => void }>((set) => ({
  measurement: null,
  setMeasurement: (measurement) => set({ measurement }),
}));
