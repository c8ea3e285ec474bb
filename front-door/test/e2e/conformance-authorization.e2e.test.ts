import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { ScriptedBrowser, signInAndConsent } from '../helpers/browser.ts';
import { startTasksStack } from '../helpers/stack.ts';

/**
 * The official conformance suite's authorization-server scenarios (`conformance authorization`) against
 * the front door. The code-grant scenario prints an authorization URL for a person to open; the scripted
 * browser opens it, signs in, answers the consent page and lands on the suite's own callback.
 */
const CLI = join(dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json')), 'dist', 'index.js');

let stack: OAuthStack;
beforeAll(async () => {
  stack = await startTasksStack();
});
afterAll(() => stack.close());

function runConformance(args: string[], onLine: (line: string) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'authorization', '--url', stack.origin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      lines.forEach(onLine);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const summary = (output: string) => /Passed: (\d+)\/(\d+), (\d+) failed/.exec(output)?.slice(1).map(Number);

describe('official conformance suite: authorization-server scenarios', () => {
  it('authorization-server-metadata-endpoint passes (including the CIMD check)', async () => {
    const { code, output } = await runConformance(['--scenario', 'authorization-server-metadata-endpoint'], () => {});
    expect(summary(output), output).toEqual([2, 2, 0]);
    expect(code).toBe(0);
  });

  it('all scenarios pass, authorization-code-grant through sign-in and consent (state, iss, no-store token response)', { timeout: 40_000 }, async () => {
    const port = await freePort();
    const redirect = `http://127.0.0.1:${port}/callback`;
    const registration = await fetch(`${stack.origin}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'MCP conformance', redirect_uris: [redirect], token_endpoint_auth_method: 'none' }),
    });
    const { client_id: clientId } = (await registration.json()) as { client_id: string };
    const browser = new ScriptedBrowser();
    let signIn: Promise<URL> | undefined;
    const { code, output } = await runConformance(['--client-id', clientId, '--resource', stack.mcpUrl, '-p', String(port)], (line) => {
      if (line.startsWith(`${stack.origin}/authorize?`)) {
        signIn = signInAndConsent(browser, line.trim(), { ...stack.user, isClientRedirect: () => false, isClientPage: (u) => u.port === String(port) });
      }
    });
    expect(signIn, output).toBeDefined();
    expect((await signIn!).searchParams.get('iss')).toBe(stack.origin);
    // The code grant reads the metadata scenario's result, so the whole set runs: 2 metadata checks + 1 grant.
    expect(output).toContain('✓ authorization-server-metadata-endpoint: 2 passed, 0 failed');
    expect(output).toContain('✓ authorization-code-grant: 1 passed, 0 failed');
    expect(output).toContain('Total: 3 passed, 0 failed');
    expect(code).toBe(0);
  });
});
