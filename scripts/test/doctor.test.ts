/**
 * The doctor against `make dev AUTH=oauth`'s real pieces (the tasks example behind the front door, the
 * local identity provider), first as a stranger (registrations, authorize to the sign-in page), then
 * with an access token the official SDK v2 client obtained by signing in; and the command itself, as
 * `make doctor` runs it, with its exit status.
 */
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserOAuthProvider } from '../../front-door/test/helpers/oauth-provider.ts';
import { startTasksStack } from '../../front-door/test/helpers/stack.ts';
import { runDoctor } from '../../handler-kit/src/doctor/index.ts';
import { startFixture } from '../../handler-kit/test/doctor/fixtures.ts';
import type { OAuthStack } from '../lib/oauth-stack.ts';
import { ROOT } from '../load-server.ts';

let stack: OAuthStack;
beforeAll(async () => {
  stack = await startTasksStack();
});
afterAll(() => stack.close());

async function signIn(): Promise<string> {
  const provider = new BrowserOAuthProvider(stack, { redirect: 'http://127.0.0.1:48127/callback', clientName: 'doctor test', state: 'd' });
  let transport = new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider });
  await expect(new Client({ name: 'doctor-test', version: '1.0.0' }).connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
  await transport.finishAuth(provider.landed!.searchParams);
  transport = new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider });
  const token = (provider.saved as { access_token?: string } | undefined)?.access_token;
  expect(token).toBeTruthy();
  return token!;
}

function cli(url: string, env: Record<string, string> = {}, args: string[] = []): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'handler-kit', 'src', 'doctor', 'cli.ts'), url, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

describe('doctor against make dev AUTH=oauth', () => {
  it('as a stranger: every check passes, each client registers and reaches the identity provider\'s sign-in page', async () => {
    const report = await runDoctor({ url: stack.mcpUrl });
    expect(report.results.filter((r) => r.status === 'fail' || r.status === 'warn')).toEqual([]);
    expect(report.failed).toBe(false);
    const authorize = report.results.filter((r) => r.group === 'authorize');
    expect(authorize).toHaveLength(8);
    for (const r of authorize.slice(0, 7)) expect(r.detail).toContain(`reached the sign-in page (${stack.idp.issuer}/interaction/`);
    expect(authorize[7]).toMatchObject({ status: 'skip', detail: 'skipped on a loopback server: its authorization server would fetch https://vscode.dev/oauth/client-metadata.json from the internet' });
    expect(report.results.find((r) => r.name === 'POST without credentials: scope')?.detail).toBe('scope="tasks:read tasks:write"');
    // The server card, served at both locations, naming this URL.
    expect(report.results.filter((r) => r.group === 'server-card').map((r) => `${r.status} ${r.detail}`)).toEqual([
      `pass ${stack.mcpUrl}/server-card: local/tasks 1.0.0, remote ${stack.mcpUrl}`,
      `pass ${stack.origin}/.well-known/mcp/server-card.json: local/tasks 1.0.0, remote ${stack.mcpUrl}`,
    ]);
  });

  it('with a token from a real sign-in: server/discover, initialize, tools/list and a read-only tool call all pass', async () => {
    const token = await signIn();
    const report = await runDoctor({ url: stack.mcpUrl, token, register: false });
    expect(report.results.filter((r) => r.status === 'fail' || r.status === 'warn')).toEqual([]);
    const mcp = report.results.filter((r) => r.group === 'mcp');
    expect(mcp.map((r) => `${r.status} ${r.name}`)).toEqual([
      'pass server/discover (2026-07-28)',
      'pass 2025 header with 2026 _meta',
      'pass initialize (2025-06-18)',
      'pass tools/list (2026-07-28)',
      'pass tools/list (2025-06-18)',
      'pass request without Accept',
      expect.stringMatching(/^pass tools\/call (list_tasks|get_project_stats)$/),
    ]);

    // A token the server refuses: the reason its challenge gives.
    const refused = await runDoctor({ url: stack.mcpUrl, token: `${token.slice(0, -4)}AAAA`, register: false });
    expect(refused.results.find((r) => r.name === 'server/discover (2026-07-28)')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^401: the credentials were refused \(invalid_token: .+\)$/) });

    // The command: exit 0, the table and the configuration lines; the token never printed.
    const run = await cli(stack.mcpUrl, { MCP_DOCTOR_TOKEN: token });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('doctor: no check that matters failed');
    expect(run.stdout).toContain(`claude mcp add --transport http tasks ${stack.mcpUrl}`);
    expect(run.stdout).not.toContain(token);
  });

  it('CIMD: the front door fetches a client\'s document and the authorize reaches the sign-in page; an unfetchable one stops the CIMD clients', async () => {
    const cimdStack = await startTasksStack({ frontDoor: { cimd: { allowLoopbackHttp: true } } });
    const documents = createServer((req, res) => {
      const clientId = `http://127.0.0.1:${(documents.address() as AddressInfo).port}${req.url}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ client_id: clientId, client_name: 'Doctor CIMD test', redirect_uris: ['http://127.0.0.1:33418/'], token_endpoint_auth_method: 'none' }));
    });
    await new Promise<void>((resolve) => documents.listen(0, '127.0.0.1', resolve));
    try {
      const cimdClientId = `http://127.0.0.1:${(documents.address() as AddressInfo).port}/oauth/client-metadata.json`;
      const ok = await runDoctor({ url: cimdStack.mcpUrl, register: false, cimdClientId });
      expect(ok.results.find((r) => r.name === 'CIMD (VS Code\'s document)')?.detail).toContain(`reached the sign-in page (${cimdStack.idp.issuer}/interaction/`);
      expect(ok.failed).toBe(false);
      await new Promise<void>((resolve) => documents.close(() => resolve()));
      const broken = await runDoctor({ url: cimdStack.mcpUrl, register: false, cimdClientId: cimdClientId.replace('client-metadata', 'other') });
      const row = broken.results.find((r) => r.name === 'CIMD (VS Code\'s document)');
      expect(row?.status).toBe('fail');
      expect(row?.detail).toMatch(/^answered 400: Unknown application: /);
      expect(row?.clients).toEqual(['claude-ai', 'vscode', 'codex', 'claude-code']);
      expect(broken.failed).toBe(true);
    } finally {
      documents.close();
      await cimdStack.close();
    }
  });

  it('the command exits 1 on a server broken on purpose, and 2 without a URL', async () => {
    const broken = await startFixture('no-s256');
    try {
      const run = await cli(broken.url);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/FAIL\s+authorization-server: PKCE\s+code_challenge_methods_supported is absent/);
      expect(run.stdout).toContain('doctor: FAILED');
      expect(run.stdout).not.toContain('Connect:');
      const json = await cli(broken.url, {}, ['--json', '--no-register']);
      expect(json.status).toBe(1);
      const report = JSON.parse(json.stdout) as { failed: boolean; results: { group: string; name: string; status: string }[] };
      expect(report.failed).toBe(true);
      expect(report.results).toContainEqual(expect.objectContaining({ group: 'authorization-server', name: 'PKCE', status: 'fail' }));
    } finally {
      await broken.close();
    }
    expect((await cli('')).status).toBe(2);
  });

  it('make doctor: the variables reach the command (TOKEN through its environment, never echoed); a failure fails make', async () => {
    const broken = await startFixture('no-iss');
    try {
      const run = await new Promise<{ status: number | null; out: string }>((resolve) => {
        const child = spawn('make', ['--no-print-directory', 'doctor', `URL=${broken.url}`, 'TOKEN=doctor-test-token', 'NO_REGISTER=1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (status) => resolve({ status, out }));
      });
      expect(run.status).not.toBe(0);
      expect(run.out).toMatch(/FAIL\s+authorization-server: iss parameter/);
      expect(run.out).toMatch(/ok\s+mcp: tools\/call get_status\s+answered: service doctor is up/);
      expect(run.out).toMatch(/skip\s+registration: registration\s+skipped: --no-register/);
      expect(run.out).not.toContain('doctor-test-token');
    } finally {
      await broken.close();
    }
  });
});
