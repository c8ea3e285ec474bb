/**
 * Arguments a tool's input schema accepts, built from the schema alone: the required properties only,
 * each with its default, const, first enum value or the smallest value its type and bounds allow. The
 * doctor calls read-only tools with these; a tool error in answer still shows the call path works.
 */
type Schema = Record<string, unknown>;

const MAX_DEPTH = 8;

function valueFor(schema: Schema, depth: number): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(alternatives) && alternatives[0]) return valueFor(alternatives[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (schema.format === 'email') return 'doctor@example.com';
      if (schema.format === 'uri') return 'https://example.com/';
      const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
      return 'doctor'.padEnd(min, 'x').slice(0, typeof schema.maxLength === 'number' ? Math.max(schema.maxLength, min) : undefined);
    }
    case 'integer':
    case 'number': {
      if (typeof schema.minimum === 'number') return schema.minimum;
      if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1;
      return typeof schema.maximum === 'number' && schema.maximum < 1 ? schema.maximum : 1;
    }
    case 'boolean':
      return false;
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: count }, () => valueFor((schema.items as Schema | undefined) ?? {}, depth + 1));
    }
    case 'object':
      return depth < MAX_DEPTH ? sampleArguments(schema, depth + 1) : {};
    default:
      return 'doctor';
  }
}

export function sampleArguments(schema: Schema | undefined, depth = 0): Record<string, unknown> {
  const properties = (schema?.properties ?? {}) as Record<string, Schema>;
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  return Object.fromEntries(required.filter((k) => properties[k]).map((k) => [k, valueFor(properties[k]!, depth)]));
}

/** How many arguments a tool requires: the doctor prefers the tool needing fewest. */
export const requiredCount = (schema: Schema | undefined): number => (Array.isArray(schema?.required) ? schema.required.length : 0);
