import { ProtocolError } from '../errors.ts';
import { HEADER_MISMATCH } from '../jsonrpc.ts';
import type { JsonSchema } from '../json-schema.ts';
import { decodeHeaderValue } from './header-values.ts';

/**
 * 2026-07-28 (SEP-2243): a tool argument marked `"x-mcp-header": "Region"` in the input schema also
 * travels as the header `Mcp-Param-Region`, so gateways can route on it without reading the body. The
 * server must check that the two agree.
 */
export interface ParamHeader {
  property: string;
  /** Lower-cased header name, as adapters deliver headers. */
  header: string;
  type: 'string' | 'integer' | 'boolean';
}

/** The annotated top-level properties of an input schema (zod: `.meta({ 'x-mcp-header': 'Region' })`). */
export function paramHeadersOf(inputSchema: JsonSchema): ParamHeader[] {
  const properties = inputSchema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const out: ParamHeader[] = [];
  for (const [property, schema] of Object.entries(properties as Record<string, Record<string, unknown>>)) {
    const name = schema?.['x-mcp-header'];
    const type = schema?.type;
    if (typeof name === 'string' && (type === 'string' || type === 'integer' || type === 'boolean')) {
      out.push({ property, header: `mcp-param-${name.toLowerCase()}`, type });
    }
  }
  return out;
}

/** The argument as echoed in the error: a structured value is named, never copied back (it may be huge). */
const echo = (body: unknown): unknown => (typeof body === 'object' && body !== null ? (Array.isArray(body) ? '(an array)' : '(an object)') : body);

const mismatch = (header: string, message: string, value: string | undefined, body: unknown) =>
  new ProtocolError(HEADER_MISMATCH, message, { mismatch: { header, value: value ?? '(missing)', body: echo(body) } });

function agrees(type: ParamHeader['type'], header: string, value: unknown): boolean {
  if (type === 'string') return header === value;
  if (type === 'boolean') return header === String(value);
  return /^-?\d+$/.test(header) && Number(header) === value;
}

/** Throws -32020 when an annotated argument is present but its header is missing, malformed or different. */
export function checkParamHeaders(
  params: readonly ParamHeader[],
  args: Record<string, unknown>,
  headers: Readonly<Record<string, string | undefined>>,
): void {
  for (const p of params) {
    const value = args[p.property];
    if (value === undefined || value === null) continue;
    const raw = headers[p.header];
    const decoded = decodeHeaderValue(raw);
    if (decoded === undefined) throw mismatch(p.header, `Header ${p.header} is required when argument "${p.property}" is sent`, raw, value);
    if (decoded === null) throw mismatch(p.header, `Header ${p.header} has an invalid base64 encoding`, raw, value);
    if (!agrees(p.type, decoded, value)) throw mismatch(p.header, `Header ${p.header} does not match argument "${p.property}"`, decoded, value);
  }
}
