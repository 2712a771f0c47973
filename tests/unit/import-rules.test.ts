// The one-way import rule of docs/architecture.md §2, checked by linting code as if it lived in each folder.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('one-way imports', () => {
  it.each([
    ['src/domain/x.ts', "import { a } from '../app/state/store.ts';\nexport const b = a;\n"],
    ['src/domain/x.ts', "import { a } from '../server/db.ts';\nexport const b = a;\n"],
    ['src/server/x.ts', "import { a } from '../app/state/store.ts';\nexport const b = a;\n"],
    ['src/app/components/x.ts', "import { a } from '../../server/db.ts';\nexport const b = a;\n"],
    ['src/app/map/x.ts', "import { a } from '../state/store.ts';\nexport const b = a;\n"],
    ['src/app/worker/x.ts', "import { a } from '../components/App.tsx';\nexport const b = a;\n"],
    ['src/app/state/x.ts', "import { a } from '../components/App.tsx';\nexport const b = a;\n"],
    ['src/app/state/x.ts', "import type { EnterpriseWorkerClient } from '../worker/worker-client.ts';\nexport type B = EnterpriseWorkerClient;\n"],
    ['src/app/state/x.ts', "import { getService } from '../services.ts';\nexport const b = getService;\n"],
    ['src/app/queries/x.ts', "import { a } from '../components/App.tsx';\nexport const b = a;\n"],
    ['src/app/queries/x.ts', "import { a } from '../dashboard/Dashboard.tsx';\nexport const b = a;\n"],
    ['src/app/api/x.ts', "import { a } from '../queries/parks.ts';\nexport const b = a;\n"],
    ['src/app/state/x.ts', "import { a } from '../queries/parks.ts';\nexport const b = a;\n"],
  ])('%s may not import %s', async (file, code) => {
    expect((await restrictedImports(file, code)).length).toBe(1);
  });

  it.each([
    ['src/app/components/x.ts', "import { a } from '../state/store.ts';\nexport const b = a;\n"],
    ['src/app/components/x.ts', "import { a } from '../queries/parks.ts';\nexport const b = a;\n"],
    ['src/app/dashboard/x.ts', "import { a } from '../queries/areas.ts';\nexport const b = a;\n"],
    ['src/app/queries/x.ts', "import { a } from '../api/endpoints.ts';\nexport const b = a;\n"],
    ['src/app/queries/x.ts', "import { a } from '../state/store.ts';\nexport const b = a;\n"],
    ['src/app/state/x.ts', "import { a } from '../../domain/taxonomy.ts';\nexport const b = a;\n"],
    ['src/server/x.ts', "import { a } from '../domain/taxonomy.ts';\nexport const b = a;\n"],
    ['src/domain/x.ts', "import { a } from './taxonomy.ts';\nexport const b = a;\n"],
  ])('%s may import %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

describe('store reads', () => {
  const selectorRule = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: 'src/app/components/x.tsx' });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
  };
  it('a component may not take a whole store', async () => {
    expect(await selectorRule("import { useAppStore } from '../state/store.ts';\nexport const f = () => useAppStore().lang;\n")).toBe(1);
    expect(await selectorRule("import { useAreaStore } from '../state/area-store.ts';\nexport const f = () => useAreaStore().status;\n")).toBe(1);
  });
  it('a component may select a field', async () => {
    expect(await selectorRule("import { useAppStore } from '../state/store.ts';\nexport const f = () => useAppStore((s) => s.lang);\n")).toBe(0);
  });
});
