import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURE_FLAGS } from '../../src/core/features.ts';

/**
 * The build-time flags (src/core/features.ts) drop code only when read in the one form esbuild folds while
 * parsing, and their documentation names every site: both are held here, so a new read cannot quietly
 * keep what it guards, or go undocumented.
 */
const SRC = join(import.meta.dirname, '..', '..', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
const FEATURES = join(SRC, 'core', 'features.ts');
const FLAG = /__MCP_[A-Z_]+__/g;
const FOLDABLE = /\(?typeof (__MCP_[A-Z_]+__) === 'undefined' \|\| (__MCP_[A-Z_]+__)\)?/g;

/** Every read of a flag outside features.ts: file, flag, and whether it is in the foldable form. */
const reads = files(SRC)
  .filter((f) => f !== FEATURES)
  .flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const foldable = [...text.matchAll(FOLDABLE)].filter((m) => m[1] === m[2]).map((m) => m[1]!);
    const all = text.match(FLAG) ?? [];
    return [...new Set(all)].map((flag) => ({
      file: relative(SRC, file),
      flag,
      // Each foldable read names the flag twice.
      loose: all.filter((f) => f === flag).length - 2 * foldable.filter((f) => f === flag).length,
    }));
  });

describe('build-time feature flags', () => {
  it('are read somewhere, each of them', () => {
    expect(new Set(reads.map((r) => r.flag))).toEqual(new Set(Object.values(FEATURE_FLAGS)));
  });

  it.each(reads.map((r) => [`${r.file}: ${r.flag}`, r]))('%s is read only as `typeof X === \'undefined\' || X`', (_name, r) => {
    expect(r.loose).toBe(0);
  });

  it('have every site named in features.ts, beside its flag', () => {
    const doc = readFileSync(FEATURES, 'utf8');
    for (const { file, flag } of reads) {
      const entry = doc.split('\n * - ').find((item) => item.includes(`\`${flag}\``));
      expect(entry, flag).toBeDefined();
      expect(entry, `${flag} in ${file}`).toContain(file);
    }
  });
});
