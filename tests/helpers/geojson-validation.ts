// Typed wrapper around geojson-validation (a CommonJS package without types).
import { createRequire } from 'node:module';

const gjv = createRequire(import.meta.url)('geojson-validation') as { valid: (o: unknown, trace: true) => string[] };

/** geojson-validation's messages for `obj`; empty when it is valid GeoJSON. */
export const geojsonValidationErrors = (obj: unknown): string[] => gjv.valid(obj, true);
