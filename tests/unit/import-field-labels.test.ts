// The column mapping of the import panel names every field of every import kind the way users do
// (统一社会信用代码, not creditCode), in each language: a field without a label fails here.
import { describe, expect, it } from 'vitest';
import { TARGET_FIELDS } from '../../src/domain/import/column-mapping.ts';
import { IMPORT_KINDS } from '../../src/domain/import/import-types.ts';
import { fieldLabel } from '../../src/app/i18n/problem-text.ts';

describe('import field labels', () => {
  for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) {
    it(`labels every field of every kind in ${lang}`, () => {
      // In English a plain word may be its own label (name, revenue); a key like creditCode may not.
      const unlabelled = (field: string) => (lang === 'en' ? /[a-z][A-Z]/.test(fieldLabel(field, lang)) || fieldLabel(field, lang) === 'lon' || fieldLabel(field, lang) === 'lat' : fieldLabel(field, lang) === field);
      const raw = IMPORT_KINDS.flatMap((kind) => TARGET_FIELDS[kind].map((f) => f.field).filter(unlabelled).map((field) => `${kind}.${field}`));
      expect(raw).toEqual([]);
      if (lang !== 'en') {
        const english = IMPORT_KINDS.flatMap((kind) => TARGET_FIELDS[kind].map((f) => fieldLabel(f.field, lang)).filter((label) => /[A-Za-z]{3,}/.test(label)));
        expect(english).toEqual([]);
      }
    });
  }
});
