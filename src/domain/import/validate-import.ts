// One entry point for the routes and the CLI: the validator of an import kind.
import type { ColumnMapping, ImportKind, SourceCrs, SourceTable, ValidationReport } from './import-types.ts';
import type { ValidateContext } from './validate-common.ts';
import { validateCityIndicators } from './validate-city-indicators.ts';
import { validateDistricts } from './validate-districts.ts';
import { validateEnterprises } from './validate-enterprises.ts';
import { validateKeyProjects } from './validate-key-projects.ts';
import { validateIndustrialBlocks } from './validate-industrial-blocks.ts';
import { validateOperating } from './validate-operating.ts';
import { validateParks } from './validate-parks.ts';
import { validateZones } from './validate-zones.ts';
import { validateParkStatus } from './validate-park-status.ts';

export type { ValidateContext } from './validate-common.ts';

export function validateImport(kind: ImportKind, table: SourceTable, mapping: ColumnMapping, crs: SourceCrs, context: ValidateContext): ValidationReport {
  switch (kind) {
    case 'enterprises':
      return validateEnterprises(table, mapping, crs, context);
    case 'parks':
      return validateParks(table, mapping, crs, context);
    case 'districts':
      return validateDistricts(table, mapping, crs, { units: context.units });
    case 'operating':
      return validateOperating(table, mapping, crs, context);
    case 'cityIndicators':
      return validateCityIndicators(table, mapping, crs, { units: context.units });
    case 'parkStatus':
      return validateParkStatus(table, mapping, crs, context.parkStatus);
    case 'keyProjects':
      return validateKeyProjects(table, mapping, crs, context);
    case 'industrialBlocks':
      return validateIndustrialBlocks(table, mapping, crs, context);
    case 'zones':
      return validateZones(table, mapping, crs, { units: context.units });
  }
}
