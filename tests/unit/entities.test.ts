// One definition per entity (src/domain/enterprise.ts, src/domain/parks.ts): the app's answer types,
// the import rows, the worker's payload record, the demo generator and the export layers derive
// from it, so renaming a field of the record is a compile error in each of them, and the
// confidential fields are the same on every side.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_ENTERPRISE_FIELDS, type Enterprise } from '../../src/domain/enterprise.ts';
import type { EnterpriseRecord as PayloadRecord } from '../../src/domain/enterprise-payload.ts';
import type { EnterpriseRecord as ImportRow } from '../../src/domain/import/import-types.ts';
import { LAYERS } from '../../src/server/exports/export-layers.ts';
import type { Enterprise as AppEnterprise, ParkProperties } from '../../src/app/api/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTITY = resolve(ROOT, 'src/domain/enterprise.ts');

const record: Enterprise = {
  id: 1, name: '广州示例制造有限公司', creditCode: '91440101MA59XXXX3A', cluster: 'auto', subIndustry: 'nev', industryCode: '3612', industryName: '新能源车整车制造',
  futureIndustry: null, tags: ['srdi'], revenue: 5e7, employees: 120, district: '440112', town: '440112001', address: '黄埔区示例路 1 号',
  lon: 113.45, lat: 23.1, villageParkId: null, valueParkId: 3, demo: true,
};

describe('the enterprise record', () => {
  it('is what every other shape of an enterprise is made of', () => {
    // A staff answer, a payload record and (with its row number) an import row are all the record.
    const answered: AppEnterprise = record;
    const payload: PayloadRecord = record;
    const imported: ImportRow = { ...record, row: 2 };
    expect([answered.creditCode, payload.id, imported.row]).toEqual([record.creditCode, 1, 2]);
    // The public's answer lacks the confidential fields; a wrong type is refused.
    const { revenue: _revenue, ...publicAnswer } = record;
    const visitor: AppEnterprise = publicAnswer;
    expect(visitor.revenue).toBeUndefined();
    // @ts-expect-error revenue is a number of yuan
    const wrong: AppEnterprise = { ...record, revenue: '5000万' };
    expect(wrong).toBeDefined();
  });

  it('keeps the confidential fields confidential in the exports', () => {
    const access = new Map(LAYERS.enterprises.fields.map(([name, , a]) => [name, a]));
    for (const field of CONFIDENTIAL_ENTERPRISE_FIELDS) expect(access.get(field)).toBe('confidential');
    const parks = new Map(LAYERS.parks.fields.map(([name, , a]) => [name, a]));
    expect(parks.get('taxPerMu' satisfies keyof ParkProperties)).toBe('confidential');
  });

  it('makes a renamed field a compile error in the app, the import row, the demo generator and the exports', () => {
    // Type-check the users of the record against a copy of src/domain/enterprise.ts whose
    // `creditCode` is called `unifiedCode`, and collect the errors that name either.
    const renamed = readFileSync(ENTITY, 'utf8').replace(/^ {2}creditCode: string;$/m, '  unifiedCode: string;');
    expect(renamed).toContain('unifiedCode: string;');
    const users = [
      'src/app/models/search-sources.ts',
      'src/domain/import/validate-enterprises.ts',
      'scripts/lib/demo/enterprises.ts',
      'src/server/exports/export-layers.ts',
    ].map((p) => resolve(ROOT, p));
    const config = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const host = ts.createCompilerHost(config.options);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (name, lang, ...rest) =>
      resolve(name) === ENTITY ? ts.createSourceFile(name, renamed, lang) : getSourceFile.call(host, name, lang, ...rest);
    const program = ts.createProgram(users, config.options, host);
    const broken = new Set(
      [...users, ENTITY].flatMap((f) => program.getSemanticDiagnostics(program.getSourceFile(f)))
        .filter((d) => /creditCode|unifiedCode/.test(ts.flattenDiagnosticMessageText(d.messageText, '\n')))
        .map((d) => d.file!.fileName.slice(ROOT.length + 1)),
    );
    expect([...broken].sort()).toEqual([
      'scripts/lib/demo/enterprises.ts',
      'src/app/models/search-sources.ts',
      // The import row picks the field from the record (ImportedEnterpriseFields): the Pick breaks.
      'src/domain/enterprise.ts',
      'src/server/exports/export-layers.ts',
    ]);
  }, 60_000);
});
