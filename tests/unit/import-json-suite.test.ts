// JSONTestSuite (nst/JSONTestSuite): every n_ file (JSON a parser must reject) is rejected by
// checkGeoJson with a message and without throwing, and by the upload reader with a 4xx ImportError.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGeoJson } from '../../src/domain/import/geojson-check.ts';
import { ImportError } from '../../src/server/imports/import-error.ts';
import { DOMAIN_STATUS } from '../../src/server/http/errors.ts';
import { readSource } from '../../src/server/imports/read-source.ts';

const DIR = path.resolve('..', 'shared', 'corpora', 'JSONTestSuite', 'test_parsing');

describe.skipIf(!existsSync(DIR))('JSONTestSuite n_ files', () => {
  if (!existsSync(DIR)) console.log(`skipped: ${DIR} not found (the shared corpora sit beside the project in CI)`);
  const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.startsWith('n_')).sort() : [];

  it('are all there', () => expect(files.length).toBeGreaterThanOrEqual(188));

  it.each(files)('%s is rejected with a message', async (file) => {
    const bytes = readFileSync(path.join(DIR, file));
    // As text (a browser would decode leniently): never an exception, always a message.
    let result: ReturnType<typeof checkGeoJson> | undefined;
    expect(() => (result = checkGeoJson(new TextDecoder().decode(bytes)))).not.toThrow();
    expect(result!.ok).toBe(false);
    if (!result!.ok) expect(result!.message).toMatch(/^The (file|GeoJSON) .{10,}/);
    // As an upload: an ImportError with a 4xx status, never anything else.
    const error = await readSource(bytes, file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect(DOMAIN_STATUS[(error as ImportError).kind]).toBeGreaterThanOrEqual(400);
    expect(DOMAIN_STATUS[(error as ImportError).kind]).toBeLessThan(500);
    expect((error as ImportError).message.length).toBeGreaterThan(10);
  });
});
