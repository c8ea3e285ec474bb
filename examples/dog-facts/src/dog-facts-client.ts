import { ToolError, type Logger } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from './dependencies.ts';

export const DogFact = z.object({ id: z.string(), fact: z.string() });
export type DogFact = z.infer<typeof DogFact>;

/** The part of the dogapi.dog answer the tool relies on (`{ data: [{ id, type, attributes: { body } }] }`); the rest is ignored. */
const FactsAnswer = z.object({
  data: z.array(z.object({ id: z.string(), attributes: z.object({ body: z.string().min(1) }) })),
});

/** `<baseUrl>/facts?limit=N`, whether or not the base URL ends with a slash. */
export function factsUrl(baseUrl: string, limit: number): URL {
  const url = new URL('facts', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('limit', String(limit));
  return url;
}

/**
 * Asks the dog facts service for `limit` facts. Every way the service can fail becomes a ToolError worded
 * for the model (what happened, whether retrying helps); details go to the log only, never to the model.
 * When `signal` (the caller leaving, or the Lambda deadline) aborts, the abort is rethrown as is: the kit
 * answers that case itself.
 */
export async function fetchDogFacts(deps: Dependencies, limit: number, signal: AbortSignal, log: Logger): Promise<DogFact[]> {
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  const url = factsUrl(deps.baseUrl, limit);
  let answer: { ok: boolean; status: number; body: string };
  try {
    answer = await get(deps, url, AbortSignal.any([signal, timeout]));
  } catch (err) {
    if (signal.aborted) throw err;
    if (timeout.aborted) {
      log.warn('dog facts service timed out', { url: url.href, timeoutMs: deps.timeoutMs });
      throw new ToolError(`The dog facts service did not answer within ${deps.timeoutMs / 1000} s; try again in a minute.`);
    }
    log.warn('dog facts service unreachable', { url: url.href, error: err });
    throw new ToolError('Could not reach the dog facts service (network error); try again in a minute.');
  }
  if (!answer.ok) {
    log.warn('dog facts service refused', { url: url.href, status: answer.status });
    throw new ToolError(statusMessage(answer.status));
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    log.warn('dog facts service answered non-JSON', { url: url.href, bodyStart: answer.body.slice(0, 200) });
    throw new ToolError('The dog facts service answered with something that is not JSON; try again later.');
  }
  const parsed = FactsAnswer.safeParse(json);
  if (!parsed.success) {
    log.warn('dog facts service answered an unexpected shape', { url: url.href, issues: parsed.error.issues.slice(0, 5) });
    throw new ToolError('The dog facts service answered in an unexpected format, so no facts could be read; try again later.');
  }
  // The service decides how many it sends; never hand back more than was asked for.
  return parsed.data.data.slice(0, limit).map((item) => ({ id: item.id, fact: item.attributes.body }));
}

/** One GET, body read inside the same abort window (a slow body counts against the timeout too). */
async function get(deps: Dependencies, url: URL, signal: AbortSignal): Promise<{ ok: boolean; status: number; body: string }> {
  const response = await deps.fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    // Release the connection without reading an error page the tool would not use.
    await response.body?.cancel().catch(() => {});
    return { ok: false, status: response.status, body: '' };
  }
  return { ok: true, status: response.status, body: await response.text() };
}

function statusMessage(status: number): string {
  if (status === 429) return 'The dog facts service is rate-limiting requests (429); try again in a minute.';
  if (status >= 500) return `The dog facts service answered ${status}; try again in a minute.`;
  // 3xx/4xx other than 429: the request itself is wrong (most likely DOG_FACTS_API_URL); retrying will not help.
  return `The dog facts service answered ${status}, which retrying will not fix (this server may be misconfigured). Tell the user dog facts are unavailable.`;
}
