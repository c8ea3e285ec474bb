import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFINITIONS, describeServer, type Definitions, type ServerDescription } from '../core/describe.ts';

interface Describable {
  readonly [DEFINITIONS]: Definitions;
}

const isDescribable = (value: unknown): value is Describable =>
  typeof value === 'object' && value !== null && DEFINITIONS in value;

export { describeServer };
export type { ServerDescription };
/** The card as a deployment serves it: manifest.json's `serverCard` completed with the endpoint URL and auth. */
export { completeCard, SERVER_CARD_DRAFT, type CardDeployment, type ServerCard, type ServerCardTemplate } from '../core/server-card.ts';
export { serverCardUrls } from '../core/http/server-card.ts';
/** The build-time feature flags a bundler may define `false` (see core/features.ts). */
export { FEATURE_FLAGS, type Feature } from '../core/features.ts';

/** The handler a module exports: `server`, the default export, or the only export that can describe itself. */
export function findHandler(mod: Record<string, unknown>, entry: string): Describable {
  if (isDescribable(mod.server)) return mod.server;
  if (isDescribable(mod.default)) return mod.default;
  const candidates = Object.values(mod).filter(isDescribable);
  if (candidates.length === 1) return candidates[0]!;
  throw new Error(`${entry} must export a handler made with createHandler() as \`server\` (found ${candidates.length} candidates)`);
}

/** manifest.json's text: stable key order from the definitions, two-space indent, trailing newline. */
export const manifestText = (description: ServerDescription): string => `${JSON.stringify(description, null, 2)}\n`;

/** Imports `entry` (a module exporting a handler) and writes its manifest to `outFile`. */
export async function writeManifest(entry: string, outFile: string): Promise<ServerDescription> {
  const mod = (await import(pathToFileURL(resolve(entry)).href)) as Record<string, unknown>;
  const description = describeServer(findHandler(mod, entry));
  mkdirSync(dirname(resolve(outFile)), { recursive: true });
  writeFileSync(outFile, manifestText(description));
  return description;
}
