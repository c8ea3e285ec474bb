import { ok, type Call, type Method, type MethodOutput } from '../call.ts';
import { invalidParams } from '../errors.ts';
import { isPlainObject } from '../jsonrpc.ts';
import { checkParamHeaders } from '../protocol/param-headers.ts';
import { describeIssues, parseAllowingAsync } from '../zod.ts';
import { errorResult, toCallToolResult } from '../tool-output.ts';
import { mayUse, requireScopes } from './access.ts';
import { withCache } from './cache.ts';
import { andThen, invoke, type Outcome } from './invoke.ts';
import type { Tool } from '../definitions/tool.ts';
import { forLog } from '../limits.ts';
import { leftOut } from '../features.ts';

export const listTools: Method = (call, server) => {
  const { registry } = server;
  const tools: Record<string, unknown>[] = [];
  for (const tool of registry.tools.values()) {
    if (mayUse(call, server, tool.scopes)) tools.push(registry.toolDescriptor(tool));
  }
  return ok(withCache(call, { tools }, server.listCache));
};

export const callTool: Method = (call, server) => {
  const name = call.params.name;
  if (typeof name !== 'string') throw invalidParams('tools/call needs params.name (the tool to call)');
  const tool = server.registry.tools.get(name);
  if (!tool) throw invalidParams(`Unknown tool: ${name}. Call tools/list to see the available tools.`);
  requireScopes(call, server, `tool "${name}"`, tool.scopes);

  const args = call.params.arguments ?? {};
  // Left out of a bundle whose tools mark no argument as a header (core/features.ts): there is nothing to check.
  if ((typeof __MCP_PARAM_HEADERS__ === 'undefined' || __MCP_PARAM_HEADERS__) && call.era === 'modern' && isPlainObject(args)) {
    const paramHeaders = server.registry.paramHeaders(tool);
    if (paramHeaders.length) checkParamHeaders(paramHeaders, args, call.request.headers);
  }
  return andThen(parseAllowingAsync(tool.input, args), (parsed) => {
    if (!parsed.success) return toolError(`Invalid arguments for tool "${name}": ${describeIssues(parsed.error)}`);
    return andThen(invoke(call, server, name, (ctx) => tool.handler(parsed.data, ctx)), (outcome) => toolAnswer(outcome, tool, call));
  });
};

const toolError = (message: string): MethodOutput => ({ result: errorResult(message), outcome: 'tool_error' });

/** How each way a tool can end reaches the model: a result, or an `isError` result it can read. */
function toolAnswer(outcome: Outcome<unknown>, tool: Tool, call: Call): MethodOutput {
  const name = tool.name;
  switch (outcome.kind) {
    case 'done':
      try {
        const result = toCallToolResult(tool, outcome.value);
        // A tool may build its own `isError` result (toolResult({ isError: true })).
        return { result, outcome: result.isError === true ? 'tool_error' : 'ok' };
      } catch (err) {
        call.logger.error('tool returned a result that breaks its contract', { tool: name, requestId: forLog(call.id), error: err });
        return toolError(`Tool "${name}" failed unexpectedly. The error was logged with request id ${call.id}.`);
      }
    case 'input_required':
      return { result: outcome.result, outcome: 'input_required' };
    case 'expected_error':
      return toolError(outcome.message);
    case 'needs_input':
      // Only a handler that asks ends so (never in a bundle built without input: core/features.ts).
      if (!(typeof __MCP_INPUT__ === 'undefined' || __MCP_INPUT__)) throw leftOut('asking for input');
      return toolError(
        `Tool "${name}" needs input from the user or the client (${outcome.keys.join(', ')}), which this server ` +
          'can only ask for over MCP 2026-07-28. Upgrade the client, or pass the values as arguments.',
      );
    case 'timeout':
      return toolError(`Tool "${name}" did not finish in time and was stopped. Try again, or with a smaller request.`);
    case 'crashed':
      return toolError(`Tool "${name}" failed unexpectedly. The error was logged with request id ${call.id}.`);
  }
}
