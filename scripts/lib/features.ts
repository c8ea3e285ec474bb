/**
 * Which parts of the kit a bundle leaves out (handler-kit/src/core/features.ts has the flags and where
 * each one cuts). Decided from what the build knows, and only where the answer cannot change:
 *
 * - prompts, resources, completions: from the server's own description (the manifest step imported it);
 *   off exactly when the server lacks the capability, the rule core/dispatch.ts applies anyway. Param
 *   headers: off when no tool's input schema (the one the bundle serves) marks an `x-mcp-header`.
 * - input, fetch, streaming: from what the bundle holds (esbuild's metafile): no bundled code outside the
 *   kit names the asking API; nothing outside the kit's Fetch adapter reads a `fetch` property (and the
 *   entry has no default export a Fetch runtime could call); no adapter that streams is bundled. Each test reads the
 *   sources as written, comments included, so a mention keeps the feature: a false alarm costs bytes,
 *   never behaviour.
 *
 * The build iterates: leaving the Fetch adapter out can leave the SSE framing unused, which lets streaming
 * go too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { FEATURE_FLAGS, type Feature, type ServerDescription } from '@serverless-mcp/handler-kit/manifest';

export { FEATURE_FLAGS, type Feature };

/** The kit's own files, as esbuild names them relative to the repository (sources or built package). */
const KIT = /(^|[\\/])handler-kit[\\/](src|dist)[\\/]/;
const ZOD = /[\\/]node_modules[\\/]zod[\\/]/;
/** Inputs that are not files on disk (plugin namespaces, disabled modules). */
const VIRTUAL = /^\(disabled\)|:/;

/** The capabilities the server lacks, whose methods the bundle can leave out. */
export function unusedCapabilities(description: ServerDescription): Feature[] {
  const caps = description.serverCard._meta['serverless-mcp/server'].capabilities;
  return (['prompts', 'resources', 'completions'] as const).filter((feature) => !(feature in caps));
}

/** What the server's definitions never use: its capabilities, and header arguments (`x-mcp-header`) in any tool's input schema. */
export function unusedDefinitions(description: ServerDescription): Feature[] {
  const marksHeader = description.tools.some((tool) => {
    const properties = (tool.inputSchema as { properties?: unknown } | undefined)?.properties;
    return typeof properties === 'object' && properties !== null && Object.values(properties).some((p) => typeof p === 'object' && p !== null && 'x-mcp-header' in p);
  });
  return [...unusedCapabilities(description), ...(marksHeader ? [] : (['paramHeaders'] as const))];
}

/**
 * Calls or names of the asking API (ToolContext's ask, elicit, elicitUrl, sample, listRoots; inputRequest):
 * `ctx.elicit(...)`, `ctx['elicit']`, or inside a brace pair, as a handler destructures its context
 * (`async (args, { elicit }) => ...`, `const { ask } = ctx`).
 */
const ASKS =
  /\.\s*(?:ask|elicit|elicitUrl|sample|listRoots)\b|\[\s*['"`](?:ask|elicit|elicitUrl|sample|listRoots)['"`]\s*\]|\{[^{}]*\b(?:ask|elicit|elicitUrl|sample|listRoots)\b[^{}]*\}|\b(?:inputRequest|InputRequiredSignal)\b/;
/** The kit files that define `McpHandler.fetch`, serve only it, or document the flag: their own mentions do not count. */
const FETCH_ITSELF = /(^|[\\/])handler-kit[\\/](src|dist)[\\/](create-handler|core[\\/]features|adapters[\\/]fetch[\\/](to-fetch-handler|read-body))\.(ts|js)$/;
/**
 * `fetch` as a property, the only way to reach `McpHandler.fetch`: `x.fetch`, `x['fetch']`, or inside a
 * brace pair (`const { fetch } = server`, `{ fetch: ... }`). A call of the global `fetch(...)` is not one.
 */
const FETCH_PROPERTY = /\.\s*fetch\b|\[\s*['"`]fetch['"`]\s*\]|\{[^{}]*\bfetch\b[^{}]*\}/;
const SSE_FRAMING = /(^|[\\/])handler-kit[\\/](src|dist)[\\/]core[\\/]http[\\/]sse\.(ts|js)$/;

/** The files that put code into the bundle, with their text as written (zod's own files and virtual inputs aside). */
export function bundledSources(metafile: Metafile, absWorkingDir: string): { file: string; text: string; kit: boolean }[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) return [];
  return Object.entries(output.inputs)
    .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && !VIRTUAL.test(input) && !ZOD.test(input))
    .map(([file]) => {
      let text = '';
      try {
        text = readFileSync(join(absWorkingDir, file), 'utf8');
      } catch {
        // Not a file on disk: nothing to read.
      }
      return { file, text, kit: KIT.test(file) };
    });
}

/** The code features the bundle described by `metafile` (built with `leftOut` already out) cannot reach. */
export function unusedCode(metafile: Metafile, absWorkingDir: string, leftOut: readonly Feature[]): Feature[] {
  const files = bundledSources(metafile, absWorkingDir);
  const outsideKit = files.filter((f) => !f.kit);
  const unused: Feature[] = [];
  if (!outsideKit.some(({ text }) => ASKS.test(text))) unused.push('input');
  const readsFetch = files.some(({ file, text }) => !FETCH_ITSELF.test(file) && FETCH_PROPERTY.test(text));
  const exportsDefault = Object.values(metafile.outputs).some((o) => o.entryPoint !== undefined && o.exports.includes('default'));
  if (!readsFetch && !exportsDefault) unused.push('fetch');
  const framing = files.some(({ file }) => SSE_FRAMING.test(file));
  if (!framing && !outsideKit.some(({ text }) => /\bstreaming\b/.test(text))) unused.push('streaming');
  return unused.filter((f) => !leftOut.includes(f));
}

/**
 * esbuild `define` for every flag: false for the features left out, true for the others, so that the
 * stand-ins for a left-out feature fold away from a bundle that keeps it.
 */
export function defineFor(leftOut: readonly Feature[]): Record<string, string> {
  return Object.fromEntries((Object.keys(FEATURE_FLAGS) as Feature[]).map((feature) => [FEATURE_FLAGS[feature], String(!leftOut.includes(feature))]));
}

/** The report's wording, in the flags' order. */
export const describeLeftOut = (leftOut: readonly Feature[]): string =>
  (Object.keys(FEATURE_FLAGS) as Feature[]).filter((f) => leftOut.includes(f)).join(', ') || 'nothing';
