import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * The MCP Server Cards draft's JSON Schema (vendored test data, see fixtures/server-card-draft/SOURCE.md),
 * compiled with ajv as the draft's own scripts/validate-examples.ts does: JSON Schema 2020-12, formats on,
 * cards checked against `#/$defs/ServerCard`.
 */
export const DRAFT_DIR = join(import.meta.dirname, 'fixtures', 'server-card-draft');

const ajv = new Ajv2020({ allErrors: true, strict: false });
type Plugin = (a: Ajv2020) => void;
const addFormats = ((addFormatsModule as unknown as { default?: Plugin }).default ?? addFormatsModule) as unknown as Plugin;
addFormats(ajv);
ajv.addSchema(JSON.parse(readFileSync(join(DRAFT_DIR, 'schema.json'), 'utf8')), 'schema.json');
const validate = ajv.getSchema('schema.json#/$defs/ServerCard')!;

/** The draft schema's complaints about `card` ([] when it conforms). */
export function cardErrors(card: unknown): string[] {
  if (validate(card)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

export const draftExample = (path: string): unknown => JSON.parse(readFileSync(join(DRAFT_DIR, 'examples', path), 'utf8'));
