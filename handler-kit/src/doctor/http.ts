/**
 * The doctor's HTTP: Node's fetch, never following redirects by itself (where a server redirects is part
 * of what is checked), with a timeout per request. Nothing here logs a request: it may carry a token.
 */

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

export interface HttpOptions {
  timeoutMs: number;
}

export class Unreachable extends Error {}

/** Servers' access logs show the doctor's requests as the doctor's. */
export const USER_AGENT = 'serverless-mcp-doctor';

export async function send(url: string, init: RequestInit, options: HttpOptions): Promise<Answer> {
  let response: Response;
  try {
    const headers = new Headers(init.headers);
    if (!headers.has('user-agent')) headers.set('user-agent', USER_AGENT);
    response = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = (err as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (cause?.code ?? cause?.message ?? (err as Error).message);
    throw new Unreachable(`${init.method ?? 'GET'} ${url}: ${why}`);
  }
  return { status: response.status, headers: response.headers, text: await response.text(), url };
}

/** The body as a JSON object, or undefined (not JSON, or not an object). */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const decode = (html: string): string =>
  html.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!).replace(/\s+/g, ' ').trim();

/** What an error answer says, in a line: an OAuth error and its description, an HTML page's title and first paragraph, or the start of the text. */
export function answerSummary(answer: Answer, max = 200): string {
  const body = jsonObject(answer.text);
  if (body && typeof body.error === 'string') return `${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}`;
  const text = (answer.headers.get('content-type') ?? '').includes('html')
    ? [/<title[^>]*>([\s\S]*?)<\/title>/i.exec(answer.text)?.[1], /<p[^>]*>([\s\S]*?)<\/p>/i.exec(answer.text)?.[1]].filter(Boolean).map((t) => decode(t!)).join(': ')
    : answer.text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A JSON-RPC answer from a JSON body or from the `data:` lines of an SSE body: the message with `id`. */
export function jsonRpcAnswer(answer: Answer, id: number): Record<string, unknown> | undefined {
  const type = answer.headers.get('content-type') ?? '';
  const candidates = type.includes('text/event-stream')
    ? answer.text.split(/\r?\n\r?\n/).map((event) => event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n'))
    : [answer.text];
  for (const text of candidates) {
    const message = jsonObject(text);
    if (message && message.id === id) return message;
  }
  return undefined;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** The first challenge of a WWW-Authenticate value: `Bearer resource_metadata="…", scope="a b"`. */
export function parseChallenge(value: string): Challenge | undefined {
  const scheme = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)/.exec(value);
  if (!scheme) return undefined;
  const params: Record<string, string> = {};
  const param = /([A-Za-z0-9_-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^\s,]+)/g;
  for (const m of value.slice(scheme[0].length).matchAll(param)) {
    params[m[1]!.toLowerCase()] = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2]!;
  }
  return { scheme: scheme[1]!, params };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
export const isLoopback = (url: URL): boolean => LOOPBACK.has(url.hostname) || url.hostname.endsWith('.localhost') || /^127\./.test(url.hostname);

/** https, or http on loopback (a local server): what clients accept for an endpoint. */
export const isSecureOrLocal = (raw: string): boolean => {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  return url !== undefined && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url)));
};

const EXECUTE_API = /\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;
const STAGE_NAMES = new Set(['prod', 'production', 'dev', 'development', 'stage', 'staging', 'test', 'default', '$default', 'live', 'beta']);

/**
 * The API Gateway stage a URL carries in its path, if any: any path on an execute-api host (whose first
 * segment is always the stage), or a first segment named like a stage. Staged URLs break path-inserted
 * discovery (PrefectHQ/fastmcp#2889).
 */
export function stageIn(raw: string): string | undefined {
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  const first = url.pathname.split('/')[1] ?? '';
  if (EXECUTE_API.test(url.hostname)) return first || '(execute-api host)';
  return STAGE_NAMES.has(first.toLowerCase()) ? first : undefined;
}

/** RFC 9728 §3.1: the well-known segment goes between the host and the resource's path. */
export function wellKnown(base: string, name: string): string {
  const url = new URL(base);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/${name}${path}`;
}
