import { describe, expect, it } from 'vitest';
import { Client as SdkV1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Client as ClientV2 } from '@modelcontextprotocol/client';
import { describeServer } from '../../src/manifest/index.ts';
import { connect } from '../../src/testing/index.ts';
import { CARD_META_KEY, SERVER_CARD_DRAFT, cardDescription, completeCard, namespaceOf, type ServerCard } from '../../src/core/server-card.ts';
import { SUPPORTED_VERSIONS } from '../../src/core/protocol/versions.ts';
import { sampleServer } from '../helpers.ts';
import { cardErrors, draftExample } from '../server-card-schema.ts';

const URL_ = 'https://mcp.example.com/mcp';
const PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';

async function servedCard(handler = sampleServer(), path = '/mcp/server-card'): Promise<ServerCard> {
  const res = await handler.handle({ method: 'GET', headers: { host: 'mcp.example.com' }, path, origin: 'https://mcp.example.com' });
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as ServerCard;
}

const listingOf = (card: ServerCard) => card._meta[CARD_META_KEY] as Record<string, unknown>;

describe('the vendored draft schema', () => {
  it('accepts the draft\'s valid examples and rejects its invalid ones (the validator is live)', () => {
    expect(cardErrors(draftExample('valid/minimal.json'))).toEqual([]);
    expect(cardErrors(draftExample('valid/templated-remote.json'))).toEqual([]);
    for (const bad of ['invalid/bad-name-pattern.json', 'invalid/missing-name.json', 'invalid/date-versioned-schema.json']) {
      expect(cardErrors(draftExample(bad)), bad).not.toEqual([]);
    }
  });

  it('records the draft revision the kit follows', () => {
    expect(SERVER_CARD_DRAFT).toEqual({
      repository: 'https://github.com/modelcontextprotocol/experimental-ext-server-card',
      commit: '8924e08682b4a936e6464b57845ec2ff17dc8776',
      date: '2026-07-24',
    });
  });
});

describe('the server card', () => {
  it('validates against the draft schema, unauthenticated and behind auth', async () => {
    expect(cardErrors(await servedCard())).toEqual([]);
    const authed = sampleServer({ auth: { required: true, resourceMetadataUrl: PRM } });
    expect(cardErrors(await servedCard(authed))).toEqual([]);
  });

  it('names the server, its version, title, description, website and the endpoint with every protocol version served', async () => {
    const card = await servedCard(sampleServer({ title: 'Sample', description: 'Adds and echoes.', websiteUrl: 'https://example.com/sample' }));
    expect(card).toMatchObject({
      $schema: 'https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json',
      name: 'com.example.mcp/sample',
      version: '1.2.3',
      title: 'Sample',
      description: 'Adds and echoes.',
      websiteUrl: 'https://example.com/sample',
      remotes: [{ type: 'streamable-http', url: URL_, supportedProtocolVersions: [...SUPPORTED_VERSIONS] }],
    });
  });

  it('lists exactly what tools/list, resources/list, resources/templates/list and prompts/list return (SDK 1.x, 2025 wire)', async () => {
    const handler = sampleServer();
    const listing = listingOf(await servedCard(handler));
    const client = await connect(handler, { client: new SdkV1Client({ name: 'card-test', version: '1' }) });
    try {
      expect(listing.tools).toEqual((await client.listTools()).tools);
      expect(listing.prompts).toEqual((await client.listPrompts()).prompts);
      expect(listing.resources).toEqual((await client.listResources()).resources);
      expect(listing.resourceTemplates).toEqual((await client.listResourceTemplates()).resourceTemplates);
      expect((listing.tools as unknown[]).length).toBe(4);
    } finally {
      await client.close();
    }
  });

  it('lists what a 2026-07-28 client lists, and the capabilities server/discover declares', async () => {
    const handler = sampleServer();
    const listing = listingOf(await servedCard(handler));
    const client = new ClientV2({ name: 'card-test', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await connect(handler, { client });
    try {
      expect(listing.tools).toEqual((await client.listTools()).tools);
      expect(listing.prompts).toEqual((await client.listPrompts()).prompts);
      expect(listing.capabilities).toEqual(client.getServerCapabilities());
    } finally {
      await client.close();
    }
  });

  it('behind auth: says so and where the protected-resource metadata is, and leaves the listing out unless the server opts in', async () => {
    const hidden = await servedCard(sampleServer({ auth: { required: true, resourceMetadataUrl: PRM } }));
    expect(listingOf(hidden)).toEqual({ capabilities: expect.any(Object), authorization: { required: true, protectedResourceMetadata: PRM } });
    const listed = await servedCard(sampleServer({ auth: { required: true, resourceMetadataUrl: PRM }, card: { listWhenAuthRequired: true } }));
    expect((listingOf(listed).tools as { name: string }[]).map((t) => t.name)).toEqual(['add', 'echo', 'delete_all', 'crash']);
    expect(listingOf(listed).authorization).toEqual({ required: true, protectedResourceMetadata: PRM });
  });

  it('a scoped caller\'s tools/list is a subset of the card\'s listing (the card lists for a caller allowed everything)', async () => {
    const handler = sampleServer({ auth: { required: true, resourceMetadataUrl: PRM }, card: { listWhenAuthRequired: true } });
    const listing = listingOf(await servedCard(handler));
    const client = await connect(handler, { auth: { clientId: 'c', scopes: [], claims: {} } });
    try {
      const visible = (await client.listTools()).tools;
      expect(visible.map((t) => t.name)).not.toContain('delete_all');
      for (const tool of visible) expect(listing.tools).toContainEqual(tool);
    } finally {
      await client.close();
    }
  });

  it('uses the name the server sets, and the configured endpoint URL over the request\'s', async () => {
    const handler = sampleServer({ card: { name: 'io.github.acme/sample' }, endpointUrl: 'https://tools.acme.dev/v1/mcp' });
    const card = await servedCard(handler);
    expect(card.name).toBe('io.github.acme/sample');
    expect(card.remotes[0]!.url).toBe('https://tools.acme.dev/v1/mcp');
  });

  it('refuses a card name that is not reverse-DNS namespace/name when the server is defined', () => {
    expect(() => sampleServer({ card: { name: 'sample' } })).toThrow(/reverse-DNS/);
    expect(() => sampleServer({ endpointUrl: 'not a url' })).toThrow(/not a URL/);
    expect(() => sampleServer({ card: { maxAgeSeconds: -1 } })).toThrow(/maxAgeSeconds/);
  });

  it('the manifest carries the card\'s template, and completing it gives the served card', async () => {
    const handler = sampleServer({ description: 'Adds and echoes.' });
    const description = describeServer(handler);
    expect(completeCard(description.serverCard, description.name, { url: URL_, authRequired: false })).toEqual(await servedCard(handler));
  });
});

describe('card fields the draft limits', () => {
  it('description: 1 to 100 characters, cut at a word with an ellipsis; a fallback when the server has none', () => {
    const long = 'word '.repeat(40);
    const cut = cardDescription(long, 'x');
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith('word…')).toBe(true);
    expect(cardDescription(undefined, 'Sample: an MCP server')).toBe('Sample: an MCP server');
    expect(cardDescription('  ', 'fallback')).toBe('fallback');
  });

  it('namespace: the host reversed; an IP address or a bare host name is "local"', () => {
    expect(namespaceOf('mcp.example.com')).toBe('com.example.mcp');
    expect(namespaceOf('127.0.0.1')).toBe('local');
    expect(namespaceOf('localhost')).toBe('local');
    expect(namespaceOf('[::1]')).toBe('local');
  });

  it('a server name with characters the card name forbids still gives a valid card', async () => {
    const card = await servedCard(sampleServer({ name: 'My Server!' }));
    expect(card.name).toBe('com.example.mcp/My-Server-');
    expect(cardErrors(card)).toEqual([]);
  });
});
