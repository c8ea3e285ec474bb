import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/** `jose` (JWT checks outside AWS) stays out of Lambda bundles: only src/auth imports it, and only the Node/Fetch entries import src/auth. */
describe('jose boundary', () => {
  it('only src/auth imports jose', () => {
    const importers = files(SRC).filter((f) => importsOf(f).includes('jose')).map((f) => relative(SRC, f));
    expect(importers).toEqual(['auth/jwt-verifier.ts']);
  });

  it('only the Node and Fetch entries import src/auth (the Lambda adapters and the core never do)', () => {
    const importers = files(SRC)
      .filter((f) => importsOf(f).some((s) => /(^|\/)auth\/(index|bearer-auth|jwt-verifier)\.ts$/.test(s) || s === '../auth/index.ts'))
      .map((f) => relative(SRC, f))
      .sort();
    expect(importers).toEqual(['adapters/fetch/index.ts', 'adapters/node/index.ts']);
  });
});
