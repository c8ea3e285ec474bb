import { toJSONSchema } from 'zod/v4/core';
import type { ZodSchema } from './zod.ts';

export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as the JSON Schema (2020-12) a client reads. `io: 'input'` describes what a caller may send
 * (fields with defaults are optional); `'output'` what the server returns.
 */
export function toJsonSchema(schema: ZodSchema, io: 'input' | 'output'): JsonSchema {
  return toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
}
