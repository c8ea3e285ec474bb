import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageFile } from '../../../scripts/lib/run-node.ts';
import type { OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { ScriptedBrowser, signInAndConsent } from '../helpers/browser.ts';
import { startTasksStack } from '../helpers/stack.ts';

/**
 * MCP Inspector's CLI (2.12) against the front door with its interactive OAuth: it registers, prints
 * "Please navigate to: <url>" (MCP_AUTO_OPEN_ENABLED lets it run without a TTY; BROWSER=true makes its
 * browser launch a no-op), and waits on its fixed callback http://127.0.0.1:6276/oauth/callback. The
 * scripted browser signs in, consents and lands there; the CLI then prints the method's result.
 */
const LAUNCHER = packageFile('@modelcontextprotocol/inspector', 'clients', 'launcher', 'build', 'index.js');

let stack: OAuthStack;
let home: string;
beforeAll(async () => {
  stack = await startTasksStack();
  home = mkdtempSync(join(tmpdir(), 'inspector-home-'));
});
afterAll(async () => {
  await stack.close();
  rmSync(home, { recursive: true, force: true });
});

function inspect(browser: ScriptedBrowser, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; landed?: URL | undefined }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LAUNCHER, '--cli', stack.mcpUrl, '--transport', 'http', '--format', 'json', ...args], {
      env: { ...process.env, HOME: home, MCP_AUTO_OPEN_ENABLED: 'true', MCP_INSPECTOR_SECRET_STORE: 'memory', BROWSER: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signIn: Promise<URL> | undefined;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      const url = /Please navigate to: (\S+)/.exec(stderr)?.[1];
      if (url && !signIn) signIn = signInAndConsent(browser, url, { ...stack.user, isClientRedirect: () => false, isClientPage: (u) => u.port === '6276' });
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
    child.on('close', async (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ...(signIn ? { landed: await signIn.catch(() => undefined) } : {}) });
    });
  });
}

describe('MCP Inspector CLI 2.12 against the front door', () => {
  it('signs in through the browser and lists the tools, then calls one (the remembered consent skips the page)', { timeout: 60_000 }, async () => {
    const browser = new ScriptedBrowser();
    const listed = await inspect(browser, ['--method', 'tools/list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.landed?.pathname).toBe('/oauth/callback');
    expect(listed.landed?.searchParams.get('iss')).toBe(stack.origin);
    const names = (JSON.parse(listed.stdout) as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name);
    expect(names.sort()).toEqual(['assign_task', 'create_task', 'get_project_stats', 'list_tasks', 'update_task']);

    const before = browser.visited.length;
    const called = await inspect(browser, ['--method', 'tools/call', '--tool-name', 'list_tasks', '--tool-arg', 'projectId=launch']);
    expect(called.code, called.stderr).toBe(0);
    expect(JSON.parse(called.stdout).result.structuredContent.count).toBe(2);
    // Signed in again (a new process keeps no tokens), without a consent page: the Allow is remembered.
    expect(called.landed?.searchParams.get('code')).toBeTruthy();
    expect(browser.visited.slice(before).some((u) => u.includes('/consent') || u.includes('/interaction/'))).toBe(false);
    expect(browser.visited.slice(0, before).some((u) => u.endsWith('/consent'))).toBe(true);
  });
});
