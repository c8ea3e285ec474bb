/**
 * Runs the checks in the order a client meets the server (TLS, the endpoint, resource metadata, the
 * authorization server, registration, authorize, MCP calls), then the server card registries read; each
 * reads what the earlier ones learned.
 */
import { HOSTED, type AuthMode, type ClientId } from './clients.ts';
import type { DoctorContext, DoctorOptions } from './context.ts';
import { checkAuthorizationServer } from './checks/authorization-server.ts';
import { checkAuthorize } from './checks/authorize.ts';
import { checkEndpoint } from './checks/endpoint.ts';
import { checkMcpCalls } from './checks/mcp-calls.ts';
import { checkProtectedResource } from './checks/protected-resource.ts';
import { checkRegistration, deleteRegistrations } from './checks/registration.ts';
import { checkServerCard } from './checks/server-card.ts';
import { checkTls } from './checks/tls.ts';
import { isLoopback, Unreachable } from './http.ts';
import { Findings, clientsThatPass, matters, type CheckResult } from './result.ts';

export interface DoctorReport {
  url: string;
  mode: AuthMode;
  serverName: string;
  results: CheckResult[];
  /** Clients none of whose checks failed, in the order the doctor lists them. */
  passing: ClientId[];
  /** Clients that cannot reach this URL at all (hosted clients and a loopback URL). */
  outOfReach: ClientId[];
  /** True when a failure stops a client or is a security hole: the exit status is then 1. */
  failed: boolean;
}

const CHECKS = [checkTls, checkEndpoint, checkProtectedResource, checkAuthorizationServer, checkRegistration, checkAuthorize, deleteRegistrations, checkMcpCalls, checkServerCard];

export class UsageError extends Error {}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  if (!URL.canParse(options.url)) throw new UsageError(`not a URL: ${options.url}`);
  const target = new URL(options.url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new UsageError(`not an http(s) URL: ${options.url}`);
  if (target.hash) throw new UsageError('the MCP URL must not have a fragment');
  const ctx: DoctorContext = { url: options.url, target, options, http: { timeoutMs: options.timeoutMs ?? 10_000 }, mode: 'oauth', registered: [], cleanup: [] };
  const results: CheckResult[] = [];
  for (const check of CHECKS) {
    try {
      results.push(...(await check(ctx)).results);
    } catch (err) {
      if (!(err instanceof Unreachable)) throw err;
      const f = new Findings(check === checkEndpoint ? 'endpoint' : 'network');
      f.fail('reachable', err.message, 'Check the URL, DNS and that the server is running.');
      results.push(...f.results);
      // Nothing else can be learned without the endpoint.
      if (check === checkEndpoint || check === checkTls) break;
    }
  }
  const outOfReach = isLoopback(target) ? [...HOSTED] : [];
  return {
    url: options.url,
    mode: ctx.mode,
    serverName: safeName(ctx.serverName ?? (typeof ctx.resourceMetadata?.resource_name === 'string' ? ctx.resourceMetadata.resource_name : hostLabel(target))),
    results,
    passing: clientsThatPass(results).filter((c) => !outOfReach.includes(c)),
    outOfReach,
    failed: results.some(matters),
  };
}

const hostLabel = (url: URL): string => (/^[\d.]+$|:/.test(url.hostname) ? 'mcp' : url.hostname.split('.')[0]!);

/** A name for the client configuration lines: letters, digits, - and _. */
const safeName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'mcp';
