import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);

/** What the core and the tool-facing API may never depend on: a runtime, a cloud SDK, Powertools. */
const FORBIDDEN = [/^aws-lambda$/, /^@types\/aws-lambda/, /^@aws-sdk\//, /^@aws-lambda-powertools\//, /^node:/, /^(fs|http|https|net|path|crypto|child_process)$/];

describe('dependency direction', () => {
  const core = files(join(SRC, 'core'));

  it('finds the core files it guards', () => {
    expect(core.length).toBeGreaterThan(20);
  });

  it.each(core.map((f) => [relative(SRC, f), f]))('%s imports nothing from AWS, Powertools or a Node built-in', (_name, file) => {
    const bad = importsOf(file).filter((spec) => FORBIDDEN.some((re) => re.test(spec)));
    expect(bad).toEqual([]);
  });

  it("core imports only core files, zod's core and nothing from adapters", () => {
    for (const file of core) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) expect(join(file, '..', spec)).toMatch(new RegExp(`^${join(SRC, 'core')}`));
        else expect(spec).toMatch(/^zod\/v4\/(core|locales\/en\.js)$/);
      }
    }
  });

  // Classic zod imported anywhere in the kit would ride along in the bundle of a server written with zod/mini.
  it('only core/zod.ts, core/json-schema.ts and core/context.ts (types) import zod, and never classic zod or zod/mini', () => {
    const importers = files(SRC).filter((file) => importsOf(file).some((spec) => /^zod(\/|$)/.test(spec)));
    expect(importers.map((f) => relative(SRC, f)).sort()).toEqual(['core/context.ts', 'core/json-schema.ts', 'core/zod.ts']);
    for (const file of importers) expect(importsOf(file).filter((spec) => spec === 'zod' || spec.startsWith('zod/mini'))).toEqual([]);
  });

  it('the public entry re-exports no adapter that needs a runtime', () => {
    const entry = importsOf(join(SRC, 'index.ts'));
    expect(entry.filter((s) => s.includes('adapters/node') || s.includes('aws'))).toEqual([]);
  });

  it('the guard itself catches a forbidden import', () => {
    expect(FORBIDDEN.some((re) => re.test('@aws-sdk/client-s3'))).toBe(true);
    expect(importsOf('/dev/null')).toEqual([]);
  });
});
