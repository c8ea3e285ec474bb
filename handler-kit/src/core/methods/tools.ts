import type { Call, Method, ServerState } from '../call.ts';
import { invalidParams } from '../errors.ts';
import { isPlainObject } from '../jsonrpc.ts';
import { checkParamHeaders } from '../protocol/param-headers.ts';
import { describeIssues } from '../json-schema.ts';
import { errorResult, toCallToolResult } from '../tool-output.ts';
import { mayUse, requireScopes } from './access.ts';
import { withCache } from './cache.ts';
import { andThen, invoke, type Outcome } from './invoke.ts';
import type { Tool } from '../definitions/tool.ts';
import { forLog } from '../limits.ts';

export const listTools: Method = (call, server) => {
  const { registry } = server;
  const tools: Record<string, unknown>[] = [];
  for (const tool of registry.tools.values()) {
    if (mayUse(call, server, tool.scopes)) tools.push(registry.toolDescriptor(tool));
  }
  return withCache(call, { tools }, server.listCache);
};

export const callTool: Method = (call, server) => {
  const name = call.params.name;
  if (typeof name !== 'string') throw invalidParams('tools/call needs params.name (the tool to call)');
  const tool = server.registry.tools.get(name);
  if (!tool) throw invalidParams(`Unknown tool: ${name}. Call tools/list to see the available tools.`);
  requireScopes(call, server, `tool "${name}"`, tool.scopes);

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
        call.logger.error('tool returned a result that breaks its contract', { tool: name, requestId: forLog(call.id), error: err });
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
