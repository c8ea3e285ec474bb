/**
 * Build-time feature flags, in the manner of Vue's `__VUE_OPTIONS_API__`. `make build` imports the
 * server it bundles, so it knows which parts of the kit the server can never reach; it defines those
 * flags `false` and the others `true` (esbuild `define`, decided in scripts/lib/features.ts), esbuild
 * folds the guarded code (or the stand-in for it) away, and the build reports what it left out.
 * Everywhere else (Node, tests, the npm package under a consumer's own bundler) the flags are undefined
 * and every feature is on.
 *
 * A flag is read where it guards, written out in full: `(typeof __MCP_PROMPTS__ === 'undefined' ||
 * __MCP_PROMPTS__)`. esbuild folds that expression while parsing, so the code it guards is dead before
 * tree-shaking; a constant exported from here (or declared at the top of a module) would be inlined only
 * after tree-shaking, too late to drop anything. The sites, and why each cut answers as before:
 *
 * - `__MCP_PROMPTS__`, `__MCP_RESOURCES__`, `__MCP_COMPLETIONS__` (core/dispatch.ts): off only for a
 *   server without that capability, whose method table never had those methods (they answer "method not
 *   found" either way). createHandler refuses to start if the server has them after all
 *   (core/build-time-schemas.ts carries what was left out).
 * - `__MCP_INPUT__` (core/methods/invoke.ts, core/methods/tools.ts): asking the user or client for input
 *   (ctx.elicit, ask, sample, listRoots, elicitUrl). Off when no bundled code outside the kit names any of
 *   them; the `inputResponses` and `requestState` a client sends are still checked exactly as before.
 * - `__MCP_PARAM_HEADERS__` (core/methods/tools.ts, core/registry.ts): Mcp-Param-* headers (SEP-2243).
 *   Off when no tool's input schema, as the build computed it, marks an argument `x-mcp-header`: every
 *   tool's list of header arguments is empty, so there is nothing to check.
 * - `__MCP_FETCH__` (create-handler.ts): the handler's `fetch` method (the Fetch adapter). Off when no
 *   bundled code outside the kit's own Fetch adapter reads a property named `fetch` (a call of the global
 *   `fetch()` is not one) and the entry has no default export.
 * - `__MCP_STREAMING__` (core/server.ts, core/route.ts): SSE answers and the notifications they carry.
 *   Off when no adapter in the bundle can stream (the kit's SSE framing is absent and no code outside the
 *   kit says `streaming`): every request then has no channel, so every answer is one JSON body already.
 *
 * A left-out piece that is reached anyway (a detection missed a use) fails loudly with a message naming
 * the build, never silently: see `leftOut`.
 */
declare global {
  /** prompts/list and prompts/get. */
  var __MCP_PROMPTS__: boolean | undefined;
  /** resources/list, resources/templates/list and resources/read. */
  var __MCP_RESOURCES__: boolean | undefined;
  /** completion/complete. */
  var __MCP_COMPLETIONS__: boolean | undefined;
  /** Asking for input in the middle of a request (2026-07-28 input_required results). */
  var __MCP_INPUT__: boolean | undefined;
  /** Checking Mcp-Param-* headers against the arguments they mirror. */
  var __MCP_PARAM_HEADERS__: boolean | undefined;
  /** `McpHandler.fetch`. */
  var __MCP_FETCH__: boolean | undefined;
  /** SSE answers with progress and log notifications. */
  var __MCP_STREAMING__: boolean | undefined;
}

/** Each feature the build may leave out, by the name it reports, with its flag. */
export const FEATURE_FLAGS = {
  prompts: '__MCP_PROMPTS__',
  resources: '__MCP_RESOURCES__',
  completions: '__MCP_COMPLETIONS__',
  input: '__MCP_INPUT__',
  paramHeaders: '__MCP_PARAM_HEADERS__',
  fetch: '__MCP_FETCH__',
  streaming: '__MCP_STREAMING__',
} as const;
export type Feature = keyof typeof FEATURE_FLAGS;

/** The error a left-out piece throws if something reaches it after all. */
export const leftOut = (what: string): Error =>
  new Error(`${what} is not in this bundle: make build found no use of it (handler-kit/src/core/features.ts); make build KEEP_FEATURES=1 keeps every feature`);
