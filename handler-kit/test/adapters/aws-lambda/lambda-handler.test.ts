import { describe, expect, it, vi } from 'vitest';
import { createLambdaHandler } from '../../../src/adapters/aws-lambda/minimal.ts';
import { deadlineSignal } from '../../../src/adapters/aws-lambda/deadline.ts';
import { fixture, lambdaContext, testServer, withMcpRequest } from './events.ts';

const call = (name: string, args = {}) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

async function invoke(event: unknown, remainingMs?: number) {
  const res = (await createLambdaHandler(testServer())(event, lambdaContext(remainingMs))) as { statusCode: number; headers: Record<string, string>; body: string };
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
}
const authOf = async (event: Record<string, any>) => (await invoke(withMcpRequest(event, call('whoami')))).json.result.structuredContent.auth;

describe('REST API (payload 1.0), the primary target', () => {
  it('serves an MCP request arriving in the published event', async () => {
    const res = await invoke(withMcpRequest(fixture('rest-v1'), call('add', { a: 2, b: 3 })));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json.result.content).toEqual([{ type: 'text', text: '5' }]);
  });

  it('has no auth when no authorizer ran', async () => {
    expect(await authOf(fixture('rest-v1'))).toBeNull();
  });

  it('reads Cognito user-pool claims (ID token: no scopes)', async () => {
    const event = fixture('rest-v1-cognito');
    const auth = await authOf(event);
    expect(auth.subject).toBe(event.requestContext.authorizer.claims.sub);
    expect(auth.scopes).toEqual([]);
    expect(auth.claims['cognito:username']).toBe(event.requestContext.authorizer.claims['cognito:username']);
  });

  it('reads Cognito access-token claims: space-separated scope and client_id', async () => {
    const event = fixture('rest-v1-cognito');
    // The Cognito developer guide's sample access-token payload, as the authorizer passes it (strings).
    event.requestContext.authorizer.claims = {
      sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', token_use: 'access', scope: 'https://mcp.example.com/tasks:read https://mcp.example.com/tasks:write',
      auth_time: '1562190524', iss: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_example', client_id: '57cbishk4j24pabc1234567890', username: 'janedoe@example.com',
    };
    const auth = await authOf(event);
    expect(auth).toMatchObject({ subject: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', clientId: '57cbishk4j24pabc1234567890' });
    expect(auth.scopes).toEqual(['https://mcp.example.com/tasks:read', 'https://mcp.example.com/tasks:write']);
  });

  it('reads a Lambda authorizer context (principalId and its keys, numbers kept)', async () => {
    const auth = await authOf(fixture('rest-v1-lambda-authorizer'));
    expect(auth).toMatchObject({ subject: 'admin', clientId: '1', claims: { principalId: 'admin', clientId: 1, clientName: 'Exata' } });
  });

  it('decodes a base64 body', async () => {
    const res = await invoke(withMcpRequest(fixture('rest-v1'), call('add', { a: 1, b: 1 }), {}, true));
    expect(res.json.result.content[0].text).toBe('2');
  });

  it('merges single and multi-value headers case-insensitively', async () => {
    const event = withMcpRequest(fixture('rest-v1'), { jsonrpc: '2.0', id: 1, method: 'ping' });
    event.headers.Accept = 'text/html';
    event.multiValueHeaders.Accept = ['text/html', 'application/json'];
    expect((await invoke(event)).statusCode).toBe(200);
    event.multiValueHeaders.Accept = ['text/html'];
    expect((await invoke(event)).statusCode).toBe(406);
  });

  it('answers GET with 405 through the adapter too', async () => {
    const event = fixture('rest-v1');
    const res = await invoke({ ...event, httpMethod: 'GET' });
    expect([res.statusCode, res.headers.allow]).toEqual([405, 'POST']);
  });
});

describe('HTTP API (payload 2.0) and function URLs', () => {
  it('serves a request and reads JWT authorizer claims', async () => {
    const event = fixture('http-v2');
    const auth = await authOf(event);
    expect(auth.subject).toBe(event.requestContext.authorizer.jwt.claims.sub);
  });

  it('takes scopes from the JWT authorizer when present', async () => {
    const event = fixture('http-v2-docs-example');
    const auth = await authOf(event);
    expect(auth.scopes).toEqual(event.requestContext.authorizer.jwt.scopes);
  });

  it('reads a Lambda authorizer context', async () => {
    expect((await authOf(fixture('http-v2-lambda-authorizer'))).claims).toEqual({ key: 'value' });
  });

  it('recognises a function URL and reads its IAM caller', async () => {
    const event = fixture('function-url');
    const auth = await authOf(event);
    expect(auth.subject).toBe(event.requestContext.authorizer.iam.userArn);
  });


  it('answers a function URL GET with 405', async () => {
    expect((await invoke(fixture('function-url-get-noauth'))).statusCode).toBe(405);
  });
});

describe('deadline', () => {
  it('ends a slow tool in an isError result before the time runs out', async () => {
    const started = Date.now();
    const res = await invoke(withMcpRequest(fixture('rest-v1'), call('slow')), 1_200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.json.result.isError).toBe(true);
    expect(res.json.result.content[0].text).toMatch(/did not finish in time/);
  });

  it('keeps within API Gateway\'s own limit when Lambda\'s is longer', () => {
    vi.useFakeTimers();
    try {
      const d = deadlineSignal(900_000, 29_000, { marginMs: 1_000 });
      vi.advanceTimersByTime(27_999);
      expect(d.signal.aborted).toBe(false);
      vi.advanceTimersByTime(2);
      expect(d.signal.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never arms a timer for a synchronous answer', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await invoke(withMcpRequest(fixture('rest-v1'), call('add', { a: 1, b: 2 })));
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('unsupported events', () => {
  it('refuses an event it does not know, saying which it expects', async () => {
    await expect(createLambdaHandler(testServer())({ Records: [] }, lambdaContext())).rejects.toThrow(/API Gateway REST/);
  });
});
