import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('front door layout', () => {
  it('the core depends on its ports and node:crypto only: no AWS SDK, no HTTP library, no upstream client', () => {
    const core = files(join(SRC, 'core'));
    expect(core.length).toBeGreaterThan(10);
    for (const file of core) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) expect(spec, file).toMatch(/^\.\.?\/(ports\/)?[\w-]+\.ts$|^\.\.\/ports\//);
        else expect(spec, file).toBe('node:crypto');
      }
    }
  });
});
