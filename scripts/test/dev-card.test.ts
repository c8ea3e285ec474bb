import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ROOT, exampleNames, loadServer } from '../load-server.ts';
import { cardErrors } from '../../handler-kit/test/server-card-schema.ts';
import { startOAuthStack, type OAuthStack } from '../lib/oauth-stack.ts';

/**
 * `make dev` (scripts/dev.ts, as the Makefile runs it) serves every example's server card beside its
 * endpoint: fetched over loopback from the real process, valid against the draft schema, and listing
 * exactly what an official client's tools/list and prompts/list return from the same process.
 */
const children: ChildProcess[] = [];
let stack: OAuthStack | undefined;
afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await stack?.close();
});

function startDev(name: string): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'dev.ts'), name], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => reject(new Error(`make dev ${name} exited ${code}: ${err}`)));
  });
}

describe('make dev serves the server card for every example', () => {
  it.each(exampleNames())('%s', async (name) => {
    const url = await startDev(name);
    const origin = new URL(url).origin;
    const res = await fetch(`${url}/server-card`, { headers: { accept: 'application/mcp-server-card+json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/mcp-server-card+json');
    const card = await res.json();
    expect(cardErrors(card)).toEqual([]);
    expect(card.remotes[0].url).toBe(url);
    expect(await (await fetch(`${origin}/.well-known/mcp/server-card.json`)).json()).toEqual(card);

    const client = new Client({ name: 'dev-card-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const listing = card._meta['serverless-mcp/server'];
      expect(listing.tools).toEqual((await client.listTools()).tools);
      if (client.getServerCapabilities()?.prompts) expect(listing.prompts).toEqual((await client.listPrompts()).prompts);
      else expect(listing.prompts).toEqual([]);
    } finally {
      await client.close();
    }
  }, 30_000);
});

describe('make dev AUTH=oauth: the card beside the front door', () => {
  it('is served at both locations without a token, says auth is required and where the metadata is; /mcp answers 401', async () => {
    stack = await startOAuthStack({
      port: 0,
      idpPort: 0,
      handler: async (resourceMetadataUrl) => {
        process.env.MCP_RESOURCE_METADATA_URL = resourceMetadataUrl;
        process.env.MCP_AUTH_REQUIRED = 'true';
        try {
          // The example reads the environment when its module loads: a fresh module registry, since the
          // worker may already hold the example from an earlier file (vitest.config.ts: isolate false),
          // and a fresh one again after, so no later file gets this auth-required instance.
          vi.resetModules();
          return await loadServer('tasks');
        } finally {
          vi.resetModules();
          delete process.env.MCP_RESOURCE_METADATA_URL;
          delete process.env.MCP_AUTH_REQUIRED;
        }
      },
    });
    const reserved = await fetch(`${stack.mcpUrl}/server-card`);
    expect(reserved.status).toBe(200);
    const card = await reserved.json();
    expect(cardErrors(card)).toEqual([]);
    expect(card._meta['serverless-mcp/server'].authorization).toEqual({ required: true, protectedResourceMetadata: stack.resourceMetadataUrl });
    expect(card._meta['serverless-mcp/server'].tools).toBeUndefined();
    expect(await (await fetch(`${stack.origin}/.well-known/mcp/server-card.json`)).json()).toEqual(card);
    // The front door's own well-known documents are still its own.
    expect((await fetch(stack.resourceMetadataUrl)).status).toBe(200);
    const endpoint = await fetch(stack.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(endpoint.status).toBe(401);
  }, 30_000);
});
