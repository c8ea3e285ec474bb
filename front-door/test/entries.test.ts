import { describe, expect, it } from 'vitest';
import { toLambdaHandler } from '../src/entries/lambda.ts';
import { createFrontDoor, MemoryStore } from '../src/index.ts';
import { FakeUpstream, ISSUER, RESOURCE, SCOPES } from './helpers/harness.ts';

const frontDoor = () => createFrontDoor({ issuer: ISSUER, resource: RESOURCE, scopes: SCOPES }, { store: new MemoryStore(), upstream: new FakeUpstream() });

describe('Lambda entry', () => {
  it('API Gateway REST (payload 1.0): path, multi-value query, base64 body', async () => {
    const handler = toLambdaHandler(frontDoor());
    const meta = await handler({ httpMethod: 'GET', path: '/.well-known/oauth-authorization-server', headers: { Host: 'x' }, multiValueQueryStringParameters: null, body: null });
    expect(meta.statusCode).toBe(200);
    expect(JSON.parse(meta.body).issuer).toBe(ISSUER);
    const body = Buffer.from(JSON.stringify({ client_name: 'L', redirect_uris: ['http://127.0.0.1/cb'] })).toString('base64');
    const reg = await handler({ httpMethod: 'POST', path: '/register', headers: { 'Content-Type': 'application/json' }, body, isBase64Encoded: true });
    expect(reg.statusCode).toBe(201);
    const page = await handler({ httpMethod: 'GET', path: '/authorize', multiValueQueryStringParameters: { client_id: ['nope'] }, headers: {} });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('HTTP API / Function URL (payload 2.0): rawPath, rawQueryString, cookies', async () => {
    const handler = toLambdaHandler(frontDoor());
    const res = await handler({ rawPath: '/callback', rawQueryString: 'state=unknown&code=x', cookies: ['a=b'], headers: {}, requestContext: { http: { method: 'GET' } } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('expired');
  });
});

describe('Node entry', () => {
  it('serves the front door alone on http.createServer: its paths, 404 elsewhere, 413 past the body limit', async () => {
    const { createServer } = await import('node:http');
    const { toNodeListener } = await import('../src/entries/node.ts');
    const server = createServer(toNodeListener(frontDoor()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect(((await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as { issuer: string }).issuer).toBe(ISSUER);
      const reg = await fetch(`${base}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: ['http://127.0.0.1/cb'] }) });
      expect(reg.status).toBe(201);
      expect((await fetch(`${base}/mcp`)).status).toBe(404);
      expect((await fetch(`${base}/register`, { method: 'POST', body: 'x'.repeat(70 * 1024) })).status).toBe(413);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
