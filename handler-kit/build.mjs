#!/usr/bin/env node
// Builds the package people install: dist/ holds ESM JavaScript, declaration files and declaration maps
// compiled from src/ (which ships too, so source maps and "go to definition" land on the real code).
// Inside the repository nothing reads dist/: the `@serverless-mcp/source` export condition points
// workspace imports, tests and scripts at src/.
//
//   node handler-kit/build.mjs        (also `npm run build -w handler-kit`, and npm's prepack)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const here = import.meta.dirname;
const dist = join(here, 'dist');
// The compiler's command as its package.json names it (TypeScript 7 exports no bin/ path to resolve).
const typescript = createRequire(import.meta.url).resolve('typescript/package.json');
const tsc = join(dirname(typescript), JSON.parse(readFileSync(typescript, 'utf8')).bin.tsc);

rmSync(dist, { recursive: true, force: true });
// A full check and emit: with TypeScript 7 (the native compiler) it costs about 1 CPU second, so the build
// checks its own sources too, on top of `make typecheck` (`--noCheck` would save only a third of a second).
execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.build.json')], { stdio: 'inherit' });

// rewriteRelativeImportExtensions rewrites `./x.ts` to `./x.js` in the JavaScript but not in declaration
// files, where a consumer's tsc would then need allowImportingTsExtensions (TS5097). Same length, so the
// declaration maps stay exact. The JavaScript is only checked: a `.ts` import left there is tsc's miss.
const RELATIVE_TS = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g;
let rewritten = 0;
const left = [];
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath, entry.name);
  if (entry.name.endsWith('.d.ts')) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(RELATIVE_TS, (_, head, path, tail) => `${head}${path}.js${tail}`);
    if (fixed !== text) {
      writeFileSync(file, fixed);
      rewritten++;
    }
  } else if (entry.name.endsWith('.js')) {
    RELATIVE_TS.lastIndex = 0;
    if (RELATIVE_TS.test(readFileSync(file, 'utf8'))) left.push(file);
  }
}
if (left.length) {
  console.error(`handler-kit build: relative .ts imports left in ${left.join(', ')}`);
  process.exit(1);
}
console.log(`handler-kit: built dist/ (${rewritten} declaration files had their import extensions rewritten)`);
