import type { Prompt } from './definitions/prompt.ts';
import type { Resource, ResourceTemplate } from './definitions/resource.ts';
import { assertUnique } from './definitions/names.ts';
import type { Tool } from './definitions/tool.ts';
import { toJsonSchema, type JsonSchema } from './json-schema.ts';
import type { ServerSchemas } from './build-time-schemas.ts';
import { paramHeadersOf, type ParamHeader } from './protocol/param-headers.ts';
import { useEnglishMessagesByDefault } from './zod.ts';

/**
 * Everything a server serves, indexed once at start-up. Wire descriptors (with their JSON Schemas) are
 * computed on first use and kept: zod's `toJSONSchema` is the most expensive step of a cold `tools/list`, and
 * a definition never changes after start-up. A bundle made by `make build` carries every tool's JSON
 * Schemas from build time (`schemas`), so it converts nothing at run time.
 */
export class Registry {
  readonly tools: ReadonlyMap<string, Tool>;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly templates: readonly ResourceTemplate[];
  readonly prompts: ReadonlyMap<string, Prompt>;
  readonly hasCompletions: boolean;
  readonly scopes: readonly string[];
  #toolDescriptors?: Map<string, Record<string, unknown>>;
  #paramHeaders?: Map<string, ParamHeader[]>;
  readonly #schemas: ServerSchemas | undefined;

  constructor(
    defs: {
      tools?: readonly Tool[];
      resources?: readonly (Resource | ResourceTemplate)[];
      prompts?: readonly Prompt[];
    },
    schemas?: ServerSchemas,
  ) {
    this.#schemas = schemas;
    // Once per server, before any argument is parsed: zod/mini alone would word every issue "Invalid input".
    useEnglishMessagesByDefault();
    this.tools = assertUnique('tool', defs.tools ?? [], (t) => t.name);
    const all = defs.resources ?? [];
    this.resources = assertUnique(
      'resource',
      all.filter((r): r is Resource => r.kind === 'resource'),
      (r) => r.uri,
    );
    this.templates = all.filter((r): r is ResourceTemplate => r.kind === 'resourceTemplate');
    assertUnique('resource template', this.templates, (t) => t.uriTemplate);
    this.prompts = assertUnique('prompt', defs.prompts ?? [], (p) => p.name);
    this.hasCompletions =
      [...this.prompts.values()].some((p) => Object.keys(p.complete).length > 0) ||
      this.templates.some((t) => t.complete !== undefined);
    const scopes = new Set<string>();
    for (const d of [...this.tools.values(), ...this.resources.values(), ...this.templates, ...this.prompts.values()]) {
      for (const s of d.scopes) scopes.add(s);
    }
    this.scopes = [...scopes].sort();
  }

  /** The tool's `tools/list` entry. */
  toolDescriptor(tool: Tool): Record<string, unknown> {
    this.#toolDescriptors ??= new Map();
    let descriptor = this.#toolDescriptors.get(tool.name);
    if (!descriptor) {
      const built = this.#schemas && Object.hasOwn(this.#schemas.tools, tool.name) ? this.#schemas.tools[tool.name] : undefined;
      descriptor = describeTool(tool, built);
      this.#toolDescriptors.set(tool.name, descriptor);
    }
    return descriptor;
  }

  /** Arguments of `tool` that also travel as Mcp-Param-* headers (2026-07-28). */
  paramHeaders(tool: Tool): ParamHeader[] {
    if (!(typeof __MCP_PARAM_HEADERS__ === 'undefined' || __MCP_PARAM_HEADERS__)) return [];
    this.#paramHeaders ??= new Map();
    let params = this.#paramHeaders.get(tool.name);
    if (!params) {
      params = paramHeadersOf(this.toolDescriptor(tool).inputSchema as JsonSchema);
      this.#paramHeaders.set(tool.name, params);
    }
    return params;
  }

  /** The resource a URI names: an exact one first, else the first template (in registration order) it fits, with its variables. */
  findResource(uri: string): { def: Resource | ResourceTemplate; variables: Record<string, string> } | undefined {
    const exact = this.resources.get(uri);
    if (exact) return { def: exact, variables: {} };
    for (const template of this.templates) {
      const variables = template.template.match(uri);
      if (variables) return { def: template, variables };
    }
    return undefined;
  }

  resourceDescriptor(r: Resource): Record<string, unknown> {
    return pick(r, ['uri', 'name', 'title', 'description', 'mimeType', 'size', 'annotations', 'icons', '_meta']);
  }

  templateDescriptor(t: ResourceTemplate): Record<string, unknown> {
    return pick(t, ['uriTemplate', 'name', 'title', 'description', 'mimeType', 'annotations', 'icons', '_meta']);
  }

  promptDescriptor(p: Prompt): Record<string, unknown> {
    const d = pick(p, ['name', 'title', 'description', 'icons', '_meta']);
    if (p.argumentList.length) d.arguments = p.argumentList;
    return d;
  }

  /**
   * The server's capabilities, derived from what it defines. No `listChanged` or `subscribe`: a stateless
   * server has no stream to send those notifications on, and advertising them would be a false promise.
   */
  capabilities(era: 'legacy' | 'modern'): Record<string, unknown> {
    const caps: Record<string, unknown> = {};
    if (this.tools.size) caps.tools = {};
    if (this.resources.size || this.templates.length) caps.resources = {};
    if (this.prompts.size) caps.prompts = {};
    if (this.hasCompletions) caps.completions = {};
    // Log notifications go out on streamed answers in both eras (2026-07-28: when _meta carries a level).
    caps.logging = {};
    return caps;
  }
}

function pick<T extends object>(source: T, keys: readonly (keyof T & string)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}

function describeTool(tool: Tool, built: { inputSchema: JsonSchema; outputSchema?: JsonSchema } | undefined): Record<string, unknown> {
  const d: Record<string, unknown> = { name: tool.name };
  if (tool.title) d.title = tool.title;
  d.description = tool.description;
  d.inputSchema = built?.inputSchema ?? toJsonSchema(tool.input, 'input');
  if (tool.output) d.outputSchema = built?.outputSchema ?? toJsonSchema(tool.output, 'output');
  if (tool.annotations) d.annotations = tool.annotations;
  if (tool.icons) d.icons = tool.icons;
  if (tool._meta) d._meta = tool._meta;
  return d;
}

export type { JsonSchema };
