import type { Call, Method, ServerState } from '../call.ts';
import { ProtocolError, invalidParams } from '../errors.ts';
import { FORBIDDEN, UNAUTHORIZED, isPlainObject } from '../jsonrpc.ts';
import { checkParamHeaders } from '../protocol/param-headers.ts';
import { describeIssues } from '../json-schema.ts';
import { bearerChallenge, missingScopes } from '../scopes.ts';
import { errorResult, toCallToolResult } from '../tool-output.ts';
import { withCache } from './cache.ts';
import { andThen, invoke, type Outcome } from './invoke.ts';
import type { Tool } from '../definitions/tool.ts';

export const listTools: Method = (call, server) => {
  const { registry } = server;
  const tools: Record<string, unknown>[] = [];
  for (const tool of registry.tools.values()) {
    if (missingScopes(call.auth, tool.scopes, server.scopePolicy).length === 0) tools.push(registry.toolDescriptor(tool));
  }
  return withCache(call, { tools }, server.listCache);
};

/**
 * The challenge a client acts on: 403 insufficient_scope to step up (RFC 6750), or 401 when it sent no
 * credentials at all. Scopes are named as the authorization server knows them (Cognito:
 * `<resource server>/<scope>`), so the client can ask for exactly those.
 */
export function insufficientScope(server: ServerState, what: string, missing: string[], required: readonly string[], anonymous: boolean): ProtocolError {
  const prefix = server.scopePolicy.scopePrefix ?? '';
  const challenge = bearerChallenge({
    error: anonymous ? undefined : 'insufficient_scope',
    scopes: required.map((s) => prefix + s),
    resourceMetadataUrl: server.resourceMetadataUrl,
  });
  return new ProtocolError(
    anonymous ? UNAUTHORIZED : FORBIDDEN,
    anonymous ? `Unauthorized: ${what} needs a bearer token with ${missing.join(' ')}` : `Insufficient scope: ${what} requires ${missing.join(' ')}`,
    { requiredScopes: [...required] },
    anonymous ? 401 : 403,
    { 'www-authenticate': challenge },
  );
}

export const callTool: Method = (call, server) => {
  const name = call.params.name;
  if (typeof name !== 'string') throw invalidParams('tools/call needs params.name (the tool to call)');
  const tool = server.registry.tools.get(name);
  if (!tool) throw invalidParams(`Unknown tool: ${name}. Call tools/list to see the available tools.`);
  const missing = missingScopes(call.auth, tool.scopes, server.scopePolicy);
  if (missing.length) throw insufficientScope(server, `tool "${name}"`, missing, tool.scopes, !call.auth);

  const args = call.params.arguments ?? {};
  if (call.era === 'modern' && isPlainObject(args)) {
    const paramHeaders = server.registry.paramHeaders(tool);
    if (paramHeaders.length) checkParamHeaders(paramHeaders, args, call.request.headers);
  }
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) return errorResult(`Invalid arguments for tool "${name}": ${describeIssues(parsed.error)}`);

  return andThen(invoke(call, server, name, (ctx) => tool.handler(parsed.data, ctx)), (outcome) => toolAnswer(outcome, tool, call));
};

/** How each way a tool can end reaches the model: a result, or an `isError` result it can read. */
function toolAnswer(outcome: Outcome<unknown>, tool: Tool, call: Call): Record<string, unknown> {
  const name = tool.name;
  switch (outcome.kind) {
    case 'done':
      try {
        return toCallToolResult(tool, outcome.value);
      } catch (err) {
        call.logger.error('tool returned a result that breaks its contract', { tool: name, requestId: call.id, error: err });
        return errorResult(`Tool "${name}" failed unexpectedly. The error was logged with request id ${call.id}.`);
      }
    case 'input_required':
      return outcome.result;
    case 'expected_error':
      return errorResult(outcome.message);
    case 'needs_input':
      return errorResult(
        `Tool "${name}" needs input from the user or the client (${outcome.keys.join(', ')}), which this server ` +
          'can only ask for over MCP 2026-07-28. Upgrade the client, or pass the values as arguments.',
      );
    case 'timeout':
      return errorResult(`Tool "${name}" did not finish in time and was stopped. Try again, or with a smaller request.`);
    case 'crashed':
      return errorResult(`Tool "${name}" failed unexpectedly. The error was logged with request id ${call.id}.`);
  }
}
