import type { Method } from './call.ts';
import { complete } from './methods/completion.ts';
import { discover, initialize, ping, setLogLevel } from './methods/lifecycle.ts';
import { getPrompt, listPrompts } from './methods/prompts.ts';
import { listResourceTemplates, listResources, readResource } from './methods/resources.ts';
import { callTool, listTools } from './methods/tools.ts';
import type { Registry } from './registry.ts';

/**
 * The methods both eras share; each needs the capability named beside it. A bundle built for a server
 * without prompts, resources or completions leaves those methods out (core/features.ts): such a server's
 * tables never held them, so they are "not found" either way.
 */
const SHARED: Record<string, { method: Method; needs?: string }> = {
  'tools/list': { method: listTools, needs: 'tools' },
  'tools/call': { method: callTool, needs: 'tools' },
  ...((typeof __MCP_RESOURCES__ === 'undefined' || __MCP_RESOURCES__) && {
    'resources/list': { method: listResources, needs: 'resources' },
    'resources/templates/list': { method: listResourceTemplates, needs: 'resources' },
    'resources/read': { method: readResource, needs: 'resources' },
  }),
  ...((typeof __MCP_PROMPTS__ === 'undefined' || __MCP_PROMPTS__) && {
    'prompts/list': { method: listPrompts, needs: 'prompts' },
    'prompts/get': { method: getPrompt, needs: 'prompts' },
  }),
  ...((typeof __MCP_COMPLETIONS__ === 'undefined' || __MCP_COMPLETIONS__) && { 'completion/complete': { method: complete, needs: 'completions' } }),
};

const LEGACY = { ...SHARED, initialize: { method: initialize }, ping: { method: ping }, 'logging/setLevel': { method: setLogLevel } };
/** 2026-07-28 removed initialize, ping and logging/setLevel; they are "not found" there. */
const MODERN = { ...SHARED, 'server/discover': { method: discover } };

export type MethodTable = ReadonlyMap<string, Method>;

/** The methods this server answers in each era: a method whose capability it lacks is not found. */
export function methodTables(registry: Registry): { legacy: MethodTable; modern: MethodTable } {
  const build = (entries: Record<string, { method: Method; needs?: string }>, era: 'legacy' | 'modern') => {
    const caps = registry.capabilities(era);
    const table = new Map<string, Method>();
    for (const [name, entry] of Object.entries(entries)) {
      if (!entry.needs || entry.needs in caps) table.set(name, entry.method);
    }
    return table;
  };
  return { legacy: build(LEGACY, 'legacy'), modern: build(MODERN, 'modern') };
}
