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
  /**
   * Moves the deadline (an answer that started to stream gets the streamed limit): the same signal, a new
   * time. A signal that already fired stays fired.
   */
  reset(remainingMs: number, gatewayLimitMs: number | undefined): void;
  /** Fires the signal now (the client went away). */
  abort(reason: unknown): void;
  clear(): void;
}

export function deadlineSignal(remainingMs: number, gatewayLimitMs: number | undefined, options: DeadlineOptions = {}): Deadline {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (remaining: number, gatewayLimit: number | undefined) => {
    const budget = Math.min(remaining, gatewayLimit ?? Number.POSITIVE_INFINITY) - (options.marginMs ?? 1000);
    timer = setTimeout(() => controller.abort(new Error(`deadline: ${Math.max(budget, 0)} ms budget used up`)), Math.max(budget, 0));
    // Never keep a finished invocation (or a test process) alive for the timer.
    timer.unref?.();
  };
  arm(remainingMs, gatewayLimitMs);
  return {
    signal: controller.signal,
    reset(remaining, gatewayLimit) {
      clearTimeout(timer);
      if (!controller.signal.aborted) arm(remaining, gatewayLimit);
    },
    abort: (reason) => {
      clearTimeout(timer);
      controller.abort(reason);
    },
    clear: () => clearTimeout(timer),
  };
}
