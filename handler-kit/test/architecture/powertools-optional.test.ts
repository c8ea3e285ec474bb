import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Powertools is an optional peer dependency: only the `./aws-lambda/powertools` entry may reach it. Walks
 * every export's sources through their relative imports (type imports too) and lists the packages reached.
 */
const KIT = join(import.meta.dirname, '..', '..');
const exportsMap = JSON.parse(readFileSync(join(KIT, 'package.json'), 'utf8')).exports as Record<string, { '@serverless-mcp/source'?: string }>;
const specifiers = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);

function packagesReached(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

const entries = Object.entries(exportsMap).flatMap(([subpath, target]) => (target['@serverless-mcp/source'] ? [[subpath, join(KIT, target['@serverless-mcp/source'])] as const] : []));
const powertools = (packages: Set<string>) => [...packages].filter((p) => p.startsWith('@aws-lambda-powertools/'));

describe('Powertools stays optional', () => {
  it.each(entries.filter(([subpath]) => subpath !== './aws-lambda/powertools'))('%s reaches no Powertools package', (_subpath, file) => {
    expect(powertools(packagesReached(file)), relative(KIT, file)).toEqual([]);
  });

  it('the powertools entry does reach it (the walk follows imports)', () => {
    const file = entries.find(([subpath]) => subpath === './aws-lambda/powertools')![1];
    expect(powertools(packagesReached(file)).sort()).toEqual(['@aws-lambda-powertools/logger', '@aws-lambda-powertools/metrics']);
  });
});
