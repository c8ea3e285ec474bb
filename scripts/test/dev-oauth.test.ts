import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport, UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedBrowser, formsOf, signInAndConsent } from '../../front-door/test/helpers/browser.ts';
import { ROOT } from '../load-server.ts';
import { freePort } from '../lib/oauth-stack.ts';

/** `make dev AUTH=oauth` as a user runs it (scripts/dev.ts is what the target calls), with their own user and password. */
let child: ChildProcess;
let output = '';
let mcpUrl: string;
const USER = 'tester';
const PASSWORD = 'pw-for-the-test';

beforeAll(async () => {
  const port = await freePort();
  child = spawn(process.execPath, [join(ROOT, 'scripts', 'dev.ts'), 'tasks'], {
    cwd: ROOT,
    env: { ...process.env, AUTH: 'oauth', PORT: String(port), IDP_PORT: '0', DEV_USER: USER, DEV_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const deadline = Date.now() + 15_000;
  while (!output.includes('Ctrl-C stops it') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  mcpUrl = /behind the OAuth front door: (\S+)/.exec(output)?.[1] ?? '';
}, 20_000);
afterAll(() => {
  child.kill('SIGTERM');
});

describe('make dev AUTH=oauth', () => {
  it('prints the MCP URL, the sign-in user and password, and the claude mcp add line', () => {
    expect(mcpUrl, output).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(output).toContain(`user: ${USER}   password: ${PASSWORD}`);
    expect(output).toContain(`claude mcp add --transport http tasks ${mcpUrl}`);
  });

  it('serves the discovery documents on the printed origin and answers 401 with the challenge', async () => {
    const origin = new URL(mcpUrl).origin;
    const as = (await (await fetch(`${origin}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as.issuer).toBe(origin);
    const prm = (await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<string, unknown>;
    expect(prm.resource).toBe(mcpUrl);
    const anonymous = await fetch(mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain(`resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`);
  });

  it('a client signs in with the printed credentials (a wrong password is refused) and reaches the tools', async () => {
    const redirect = 'http://127.0.0.1:48125/callback';
    const browser = new ScriptedBrowser();
    let landed: URL | undefined;
    const saved: Record<string, unknown> = {};
    const provider: OAuthClientProvider = {
      redirectUrl: redirect,
      clientMetadata: { client_name: 'make dev test', redirect_uris: [redirect], token_endpoint_auth_method: 'none' },
      clientInformation: () => saved.client as never,
      saveClientInformation: (c) => void (saved.client = c),
      tokens: () => saved.tokens as never,
      saveTokens: (t) => void (saved.tokens = t),
      saveCodeVerifier: (v) => void (saved.verifier = v),
      codeVerifier: () => String(saved.verifier),
      async redirectToAuthorization(url) {
        // First the wrong password: the sign-in form comes back with an error, nothing is issued.
        const page = await browser.open(url.href);
        const wrong = await browser.submit(formsOf(page)[0]!, { set: { username: USER, password: 'not-it' } });
        expect(wrong.status).toBe(401);
        expect(wrong.html).toContain('Wrong user or password');
        landed = await signInAndConsent(browser, url.href, { username: USER, password: PASSWORD, isClientRedirect: (u) => u.href.startsWith(redirect) });
      },
    };
    let transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
    let client = new Client({ name: 'make-dev-test', version: '1.0.0' });
    await expect(client.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    await transport.finishAuth(landed!.searchParams);
    transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
    client = new Client({ name: 'make-dev-test', version: '1.0.0' });
    await client.connect(transport);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('create_task');
    // The consent page said what each permission unlocks.
    const consent = browser.pages.find((p) => p.html.includes('name="consent_id"'))!;
    expect(consent.html).toMatch(/tasks:write<\/code> — lets it use create_task, update_task, assign_task/);
    await client.close();
    // The front door logged each step (one JSON line each) and no secret.
    expect(output).toMatch(/"step":"token".*"outcome":"issued"/);
    const tokens = saved.tokens as { access_token: string; refresh_token: string };
    expect(output).not.toContain(tokens.access_token);
    expect(output).not.toContain(tokens.refresh_token);
    expect(output).not.toContain(String(landed!.searchParams.get('code')));
    expect(output.match(/"step":"\w+"/g)!.length).toBeGreaterThan(4);
  });
});
