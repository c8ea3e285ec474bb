import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ROOT, exampleNames } from '../load-server.ts';
import { cardErrors } from '../../handler-kit/test/server-card-schema.ts';

/**
 * `make dev` (scripts/dev.ts, as the Makefile runs it) serves every example's server card beside its
 * endpoint: fetched over loopback from the real process, valid against the draft schema, and listing
 * exactly what an official client's tools/list and prompts/list return from the same process.
 */
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
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
