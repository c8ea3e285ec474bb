/**
 * Schemas at build time. A server's JSON Schemas are known once its definitions are: `make build` computes
 * them (with zod's converter, in the build process), writes them into the bundle in place of the kit's
 * empty table (handler-kit/src/core/build-time-schemas.ts), and leaves zod's converter out, so a Lambda
 * neither ships nor runs it. Plain Node and tests, with no build, convert on first use as before.
 *
 * One exception keeps the converter: a server that asks the user for input (`ctx.elicit`,
 * `inputRequest.elicit`) turns the zod form it passes into JSON Schema when it asks. Such a bundle keeps
 * zod's converter; the build says so.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Metafile, Plugin } from 'esbuild';
import type { ServerDescription } from '@serverless-mcp/handler-kit/manifest';
import { bundledSources } from './features.ts';

type JsonSchema = Record<string, unknown>;
export type SchemaTable = Record<string, { tools: Record<string, { inputSchema: JsonSchema; outputSchema?: JsonSchema }> }>;

/** The table the bundle carries, from the description the manifest is written from (same registry). */
export function schemaTable(description: ServerDescription): SchemaTable {
  const tools: SchemaTable[string]['tools'] = {};
  for (const tool of description.tools) {
    const name = tool.name as string;
    tools[name] = {
      inputSchema: tool.inputSchema as JsonSchema,
      ...(tool.outputSchema ? { outputSchema: tool.outputSchema as JsonSchema } : {}),
    };
  }
  return { [description.name]: { tools } };
}

const KIT_TABLE = /[\\/]handler-kit[\\/](?:src[\\/]core[\\/]build-time-schemas\.ts|dist[\\/]core[\\/]build-time-schemas\.js)$/;

/** Replaces the kit's empty schema table with `table`, and names the capabilities the bundle left out. */
export function buildTimeSchemas(table: SchemaTable, builtWithout: readonly string[] = []): Plugin {
  return {
    name: 'build-time-schemas',
    setup(build) {
      build.onLoad({ filter: KIT_TABLE }, () => ({
        contents:
          `export const BUILD_TIME_SCHEMAS = JSON.parse(${JSON.stringify(JSON.stringify(table))});\n` +
          `export const BUILT_WITHOUT = ${JSON.stringify(builtWithout)};`,
        loader: 'js',
      }));
    },
  };
}

const ZOD_CONVERTER = /[\\/](to-json-schema|json-schema-processors)\.js$/;
const INSIDE_ZOD = /[\\/]node_modules[\\/]zod[\\/]/;
const MESSAGE =
  "zod's JSON Schema converter is not in this bundle: make build computed the server's schemas (scripts/lib/build-time-schemas.ts)";

/**
 * Swaps zod's two converter modules for stand-ins with the same exports that throw when called. zod's
 * schema classes reference the converter (`.toJSONSchema()`, the standard-schema hook) but only call it
 * when asked to convert; `aggregateChecks` (behind getters like `.minLength`) stays the real one.
 */
export function withoutZodConverter(): Plugin {
  const zodCore = join(dirname(createRequire(import.meta.url).resolve('zod/package.json')), 'v4', 'core');
  return {
    name: 'without-zod-converter',
    setup(build) {
      build.onResolve({ filter: ZOD_CONVERTER }, (args) =>
        INSIDE_ZOD.test(args.importer) ? { path: ZOD_CONVERTER.exec(args.path)![1]!, namespace: 'zod-converter-stub' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'zod-converter-stub' }, (args) => {
        const real = join(zodCore, `${args.path}.js`);
        const lines = [`const unavailable = () => { throw new Error(${JSON.stringify(MESSAGE)}); };`];
        for (const name of exportNames(readFileSync(real, 'utf8'))) {
          if (name === 'aggregateChecks') lines.push(`export { aggregateChecks } from ${JSON.stringify(real)};`);
          else if (name === 'allProcessors') lines.push('export const allProcessors = {};');
          else if (name.startsWith('create')) lines.push(`export const ${name} = () => unavailable;`);
          else lines.push(`export const ${name} = unavailable;`);
        }
        return { contents: lines.join('\n'), loader: 'js', resolveDir: zodCore };
      });
    },
  };
}

/** The names an ES module exports (`export const|function|class x`, `export { a as b }`). */
function exportNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:const|let|var|function\*?|class)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}\s*;?\s*$/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).at(-1);
      if (name) names.add(name);
    }
  }
  return [...names];
}

/** Whether any bundled file outside the kit and zod asks for input with a zod form (see above). */
export function asksForInput(metafile: Metafile, absWorkingDir: string): boolean {
  return bundledSources(metafile, absWorkingDir).some(({ kit, text }) => !kit && /\belicit\b|inputRequest\s*\.\s*elicit\b/.test(text));
}
