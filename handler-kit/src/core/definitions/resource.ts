import type { Annotations, ResourceContents } from '../content.ts';
import type { ToolContext } from '../context.ts';
import { assertScopes } from './names.ts';
import type { Icon } from './tool.ts';
import { compileUriTemplate, type UriTemplate } from './uri-template.ts';

/**
 * What a read returns: a string (text in the resource's mimeType), raw bytes (sent as a base64 blob),
 * `{ text }` / `{ blob }` contents, or an array of full contents for multi-part resources.
 */
export type ReadReturn =
  | string
  | Uint8Array
  | { text: string; mimeType?: string }
  | { blob: string | Uint8Array; mimeType?: string }
  | ResourceContents[];

/** Suggests values for one argument, given what the user typed so far and the other arguments. */
export type Completer = (
  value: string,
  context: { arguments: Record<string, string> },
) => readonly string[] | Promise<readonly string[]>;

interface ResourceMetadata {
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  annotations?: Annotations;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  /** Scopes a caller needs to list and read it. */
  scopes?: readonly string[];
}

export interface ResourceSpec extends ResourceMetadata {
  uri: string;
  size?: number;
  read: (ctx: ToolContext) => ReadReturn | Promise<ReadReturn>;
}

export interface ResourceTemplateSpec extends ResourceMetadata {
  /**
   * An RFC 6570 template: `{name}` matches one path segment, `{+name}` the rest of the URI. Variables
   * reach `read` percent-decoded, and never traverse: a URI whose decoded variable has `.` or `..` as a
   * segment, a backslash, a NUL or another control character is refused as an unknown resource
   * (-32002, or -32602 in 2026-07-28) before `read` runs.
   */
  uriTemplate: string;
  read: (uri: string, variables: Record<string, string>, ctx: ToolContext) => ReadReturn | Promise<ReadReturn>;
  /** Completions for template variables, served by `completion/complete` with a `ref/resource`. */
  complete?: Record<string, Completer>;
}

export interface Resource extends Readonly<ResourceSpec> {
  readonly kind: 'resource';
  readonly scopes: readonly string[];
}

export interface ResourceTemplate extends Readonly<ResourceTemplateSpec> {
  readonly kind: 'resourceTemplate';
  readonly scopes: readonly string[];
  readonly template: UriTemplate;
}

const assertUri = (uri: string): void => {
  if (typeof uri !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) {
    throw new TypeError(`resource URI "${uri}" must be absolute (scheme:...)`);
  }
};

export function defineResource(spec: ResourceSpec): Resource {
  assertUri(spec.uri);
  if (!spec.name) throw new TypeError(`resource "${spec.uri}": a name is required`);
  return Object.freeze({ ...spec, kind: 'resource' as const, scopes: assertScopes(spec.uri, spec.scopes) });
}

export function defineResourceTemplate(spec: ResourceTemplateSpec): ResourceTemplate {
  assertUri(spec.uriTemplate);
  if (!spec.name) throw new TypeError(`resource template "${spec.uriTemplate}": a name is required`);
  const template = compileUriTemplate(spec.uriTemplate);
  for (const variable of Object.keys(spec.complete ?? {})) {
    if (!template.variables.includes(variable)) {
      throw new TypeError(`resource template "${spec.uriTemplate}" has no variable "${variable}" to complete`);
    }
  }
  return Object.freeze({
    ...spec,
    kind: 'resourceTemplate' as const,
    scopes: assertScopes(spec.uriTemplate, spec.scopes),
    template,
  });
}
