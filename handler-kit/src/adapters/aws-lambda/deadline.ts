/**
 * An AbortSignal that fires a little before the platform would cut the request off, so a slow tool
 * ends in a clean `isError` result instead of a Lambda timeout or API Gateway's 504.
 */
export interface DeadlineOptions {
  /** How long before the deadline to give up (time to answer and log). Default 1000 ms. */
  marginMs?: number;
}

export interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

export function deadlineSignal(remainingMs: number, gatewayLimitMs: number | undefined, options: DeadlineOptions = {}): Deadline {
  const controller = new AbortController();
  const budget = Math.min(remainingMs, gatewayLimitMs ?? Number.POSITIVE_INFINITY) - (options.marginMs ?? 1000);
  const timer = setTimeout(() => controller.abort(new Error(`deadline: ${Math.max(budget, 0)} ms budget used up`)), Math.max(budget, 0));
  // Never keep a finished invocation (or a test process) alive for the timer.
  timer.unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
