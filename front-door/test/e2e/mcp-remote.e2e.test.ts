import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { freePort } from '../../../scripts/lib/oauth-stack.ts';
import { ScriptedBrowser, signInAndConsent } from '../helpers/browser.ts';
import { startTasksStack } from '../helpers/stack.ts';

/**
 * mcp-remote (the stdio proxy many desktop clients use) against the front door. It prints the
 * authorization URL and tries to open a browser (`open`, then xdg-open and friends: BROWSER=true makes
 * that a no-op here); the scripted browser takes the printed URL, signs in, answers the consent page and
 * lands on mcp-remote's own loopback callback, exactly as a person's browser would.
 */
const PROXY = createRequire(import.meta.url).resolve('mcp-remote/dist/proxy.js');

let stack: OAuthStack;
let configDir: string;
beforeAll(async () => {
  stack = await startTasksStack();
  configDir = mkdtempSync(join(tmpdir(), 'mcp-remote-'));
});
afterAll(async () => {
  await stack.close();
  rmSync(configDir, { recursive: true, force: true });
});

/** Watches mcp-remote's stderr; each "Please authorize ... visiting:" URL is walked through by the browser. */
function driveSignIns(stderr: Readable, browser: ScriptedBrowser, callbackPort: number, uncheck: () => string[], log: string[]) {
  let buffer = '';
  const done: Promise<URL>[] = [];
  stderr.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    log.push(chunk.toString('utf8'));
    for (let m; (m = /Please authorize this client by visiting:\s*\n(\S+)/.exec(buffer)); ) {
      buffer = buffer.slice(m.index + m[0].length);
      done.push(signInAndConsent(browser, m[1]!, { ...stack.user, isClientRedirect: () => false, isClientPage: (url) => url.port === String(callbackPort), uncheck: uncheck() }).catch((err: unknown) => {
        log.push(`browser failed: ${String(err)}`);
        throw err;
      }));
    }
  });
  return done;
}

describe('mcp-remote 0.15 against the front door', () => {
  it('registers, signs in through the browser, lists and calls tools, and steps up after a 403', { timeout: 60_000 }, async () => {
    const callbackPort = await freePort();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [PROXY, stack.mcpUrl, String(callbackPort)],
      env: { ...(process.env as Record<string, string>), MCP_REMOTE_CONFIG_DIR: configDir, BROWSER: 'true' },
      stderr: 'pipe',
    });
    const browser = new ScriptedBrowser();
    let unchecked = ['tasks:write'];
    const log: string[] = [];
    const signIns = driveSignIns(transport.stderr as Readable, browser, callbackPort, () => unchecked, log);
    const client = new Client({ name: 'via-mcp-remote', version: '1.0.0' });
    try {
      await client.connect(transport);
      expect(signIns.length).toBe(1);
      const landed = await signIns[0]!;
      // The browser ended on mcp-remote's callback, with the front door's iss.
      expect(landed.port).toBe(String(callbackPort));
      expect(landed.pathname).toBe('/oauth/callback');
      expect(landed.searchParams.get('iss')).toBe(stack.origin);

      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['get_project_stats', 'list_tasks']);
      expect((await client.callTool({ name: 'list_tasks', arguments: {} })).isError).toBeFalsy();

      unchecked = [];
      const created = await client.callTool({ name: 'create_task', arguments: { title: 'Via mcp-remote' } });
      expect(signIns.length).toBe(2);
      expect(created.isError).toBeFalsy();
      expect(created.structuredContent).toMatchObject({ title: 'Via mcp-remote' });
    } catch (err) {
      throw new Error(`${String(err)}\n--- mcp-remote stderr ---\n${log.join('').slice(-4000)}`);
    } finally {
      await client.close();
    }
  });
});
