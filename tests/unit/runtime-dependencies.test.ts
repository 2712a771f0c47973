// `npm ci --omit=dev` must give a server that starts (issue 14): every package the server loads at
// run time must be in `dependencies`, not `devDependencies`. This follows the server's import graph
// from the entry of `npm run serve` (the production start, docs/deploy.md) with the TypeScript
// parser and checks each bare import that survives compilation (type-only imports do not).
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BUILTIN = new Set(builtinModules);

const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** A relative module as the loader finds it: the file itself, or with `.ts`, or its `index.ts`. */
function resolveRelative(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, resolve(base, 'index.ts')].find((p) => existsSync(p) && /\.tsx?$/.test(p)) ?? null;
}

interface Edge { specifier: string; from: string }

/** The module specifiers a file loads at run time. */
function runtimeImports(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Edge[] = [];
  const add = (specifier: string) => out.push({ specifier, from: file });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      // `import type …` and `import { type A, type B } …` are erased by the compiler (tsx/esbuild).
      const typeOnly = clause?.isTypeOnly || (clause && !clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly));
      if (!typeOnly) add(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) add(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) add(arg.text);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.length === 2
      && node.arguments[1].getText(source) === 'import.meta.url') {
      // A module loaded by its URL (a worker's entry): `new URL('./x.ts', import.meta.url)`, or a
      // template whose variable part is the extension (`./x${extname(self)}`), taken as `.ts`.
      const [arg] = node.arguments;
      if (ts.isStringLiteralLike(arg) && /\.tsx?$/.test(arg.text)) add(arg.text);
      else if (ts.isTemplateExpression(arg) && arg.head.text.startsWith('.')) add(arg.head.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every file reachable from the entry, and every bare package it imports. */
function walk(entry: string) {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const unresolved: string[] = [];
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const { specifier, from } of runtimeImports(file)) {
      if (specifier.startsWith('.')) {
        // Data (seeds/*.json, text files) is read, not imported code.
        if (/\.(json|txt|csv)$/.test(specifier)) continue;
        const target = resolveRelative(from, specifier);
        if (target) queue.push(target);
        else unresolved.push(`${specifier} (from ${relative(ROOT, from)})`);
      } else if (!specifier.startsWith('node:') && !BUILTIN.has(specifier)) {
        const name = packageOf(specifier);
        packages.set(name, [...(packages.get(name) ?? []), relative(ROOT, from)]);
      }
    }
  }
  return { files, packages, unresolved };
}

describe('what the production server needs at run time is in dependencies', () => {
  // e.g. "node --import tsx src/server/main.ts": the loader package, then the entry module.
  const serve = pkg.scripts.serve ?? '';
  const loader = /--import[= ](\S+)/.exec(serve)?.[1];
  const entry = serve.split(/\s+/).find((w) => /\.ts$/.test(w));

  it('has a production start script that runs the server module', () => {
    expect(serve).toMatch(/^node /);
    expect(entry).toBe('src/server/main.ts');
    expect(loader, 'the TypeScript loader of `npm run serve`').toBeDefined();
    expect(pkg.dependencies, `${loader} runs the server: it belongs in dependencies`).toHaveProperty(loader!);
  });

  it('finds every package the server imports in dependencies', () => {
    const { files, packages, unresolved } = walk(resolve(ROOT, 'src/server/main.ts'));
    expect(unresolved).toEqual([]);
    // The walk must have reached the whole server, or passing would prove nothing.
    expect(files.size).toBeGreaterThan(80);
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['fastify', 'pg', '@electric-sql/pglite', 'geojson-vt', 'vt-pbf', 'docx']));
    const missing = [...packages].filter(([name]) => !(name in pkg.dependencies)).map(([name, from]) =>
      `${name} (imported by ${[...new Set(from)].slice(0, 3).join(', ')}${name in pkg.devDependencies ? '; it is in devDependencies' : ''})`);
    expect(missing).toEqual([]);
  });
});
