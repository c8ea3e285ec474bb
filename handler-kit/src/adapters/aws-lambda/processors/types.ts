import type { HttpResponse } from '../../../core/http/types.ts';
import type { InvocationClock, InvocationRequest, StreamingLimits } from '../invocation-request.ts';

/** Converts one kind of Lambda event to the core's request, and the core's response back. */
export interface EventProcessor<E, R> {
  readonly kind: 'rest-v1' | 'http-v2' | 'function-url';
  /** API Gateway's own integration limit, when there is one (Lambda's timeout applies regardless). */
  readonly gatewayLimitMs: number | undefined;
  /**
   * The limits behind a streaming integration (`STREAM` transfer mode), when this event kind can arrive
   * through one: `bufferedMs` for an answer sent whole at the end (nothing goes out before it, so the
   * idle limit binds), `streamedMs` once bytes flow. Undefined: this kind cannot stream (HTTP APIs).
   */
  readonly streamingLimits?: StreamingLimits;
  /** The event as the core's request, built once: no intermediate object is copied into it. */
  toRequest(event: E, clock: InvocationClock): InvocationRequest;
  toResult(response: HttpResponse): R;
  /** The platform's id for the request, for logs. */
  requestIdOf(event: E): string | undefined;
}
