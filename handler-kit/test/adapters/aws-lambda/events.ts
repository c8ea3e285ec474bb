import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { createHandler, defineTool } from '../../../src/index.ts';
import { memoryLogger } from '../../helpers.ts';

/** AWS-published events (see events/SOURCES.md) and what the Lambda tests build from them. */
export const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'events', `${name}.json`), 'utf8'));

/** A published event carrying an MCP request: only the body and the client's own headers change. */
export function withMcpRequest(event: Record<string, any>, message: unknown, headers: Record<string, string> = {}, base64 = false) {
  const body = JSON.stringify(message);
  const clientHeaders = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers };
  const out: Record<string, any> = { ...event, body: base64 ? Buffer.from(body).toString('base64') : body, isBase64Encoded: base64 };
  out.headers = { ...(event.headers ?? {}), ...clientHeaders };
  if ('multiValueHeaders' in event) {
    out.multiValueHeaders = { ...(event.multiValueHeaders ?? {}), ...Object.fromEntries(Object.entries(clientHeaders).map(([k, v]) => [k, [v]])) };
  }
  if (event.requestContext?.http) out.requestContext = { ...event.requestContext, http: { ...event.requestContext.http, method: 'POST' } };
  if (event.httpMethod) out.httpMethod = 'POST';
  return out;
}

export const lambdaContext = (remainingMs = 10_000): Context =>
  ({ functionName: 'mcp', functionVersion: '$LATEST', awsRequestId: 'aws-req-1', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:mcp',
    memoryLimitInMB: '2048', logGroupName: '/aws/lambda/mcp', logStreamName: 's', callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;

const whoami = defineTool({ name: 'whoami', description: 'Echoes ctx.auth', handler: (_a, ctx) => ({ auth: ctx.auth ?? null }) });
const slow = defineTool({ name: 'slow', description: 'Never finishes on its own', handler: () => new Promise<string>(() => {}) });
const add = defineTool({ name: 'add', description: 'Adds', input: z.object({ a: z.number(), b: z.number() }), handler: ({ a, b }) => String(a + b) });
export const testServer = () => createHandler({ name: 'lambda-test', version: '1', tools: [whoami, slow, add], logger: memoryLogger() });
