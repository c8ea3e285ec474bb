/**
 * `@serverless-mcp/handler-kit/testing`: a server under test, driven by an official MCP client in the
 * same process. The client's own Streamable HTTP transport sends real MCP requests, but to the server's
 * Fetch handler instead of a socket: no port, no network, nothing left listening.
 *
 *   const client = await connect(server);                        // @modelcontextprotocol/sdk 1.x, 2025 wire
 *   const modern = await connect(server, { client: new Client(  // @modelcontextprotocol/client 2.x
 *     { name: 't', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } }) });
 *   ...
 *   await client.close();                                         // the caller closes it
 *
 * The SDKs are optional peer dependencies: install the one your tests use.
 */
import type { Client as SdkV1Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { AuthInfo } from '../core/context.ts';

/** What `connect` needs from a server: its Fetch handler (every `createHandler` result has one). */
export interface FetchServer {
  readonly name: string;
  fetch(request: Request, context?: { auth?: AuthInfo }): Promise<Response>;
}

/** Either official SDK's `Client`, not yet connected. */
export interface OfficialClient {
  connect(transport: never): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Who the requests come from, as an authenticator in front of the server would report it. */
  auth?: AuthInfo | undefined;
  /** Extra headers on every request (an Origin, a Host, an Authorization the server should ignore...). */
  headers?: Record<string, string> | undefined;
  /** The URL the client believes it talks to. Default `http://<server name>.test/mcp`. */
  url?: string | undefined;
}

/** The transport constructor both SDKs export under the same name. */
type TransportClass = new (
  url: URL,
  options: { fetch: (url: string | URL, init?: RequestInit) => Promise<Response>; requestInit?: RequestInit },
) => unknown;

/** A 2.x client (`@modelcontextprotocol/client`) tells its protocol era; a 1.x client has no such method. */
const isV2Client = (client: OfficialClient): boolean => typeof (client as { getProtocolEra?: unknown }).getProtocolEra === 'function';

async function transportClassFor(client: OfficialClient): Promise<TransportClass> {
  if (isV2Client(client)) {
    const v2 = (await import('@modelcontextprotocol/client')) as unknown as { StreamableHTTPClientTransport: TransportClass };
    return v2.StreamableHTTPClientTransport;
  }
  const v1 = (await import('@modelcontextprotocol/sdk/client/streamableHttp.js')) as unknown as { StreamableHTTPClientTransport: TransportClass };
  return v1.StreamableHTTPClientTransport;
}

/**
 * Connects an official MCP client to `server` in-process and returns it connected (after `initialize`,
 * or `server/discover` for a 2.x client pinned to 2026-07-28). Without `client`, a 1.x SDK client named
 * `<server name>-test` is made.
 */
export function connect(server: FetchServer, options?: ConnectOptions): Promise<SdkV1Client>;
export function connect<C extends OfficialClient>(server: FetchServer, options: ConnectOptions & { client: C }): Promise<C>;
export async function connect(server: FetchServer, options: ConnectOptions & { client?: OfficialClient } = {}): Promise<OfficialClient> {
  const client = options.client ?? (await defaultClient(server.name));
  const Transport = await transportClassFor(client);
  const context = options.auth ? { auth: options.auth } : undefined;
  const transport = new Transport(new URL(options.url ?? `http://${encodeURIComponent(server.name)}.test/mcp`), {
    fetch: (url, init) => server.fetch(new Request(url, init), context),
    ...(options.headers ? { requestInit: { headers: options.headers } } : {}),
  });
  await client.connect(transport as never);
  return client;
}

async function defaultClient(serverName: string): Promise<OfficialClient> {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  return new Client({ name: `${serverName}-test`, version: '1.0.0' });
}
