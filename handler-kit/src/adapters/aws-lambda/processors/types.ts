import type { HttpResponse } from '../../../core/http/types.ts';
import type { InvocationClock, InvocationRequest } from '../invocation-request.ts';

/** Converts one kind of Lambda event to the core's request, and the core's response back. */
export interface EventProcessor<E, R> {
  readonly kind: 'rest-v1' | 'http-v2' | 'function-url';
  /** API Gateway's own integration limit, when there is one (Lambda's timeout applies regardless). */
  readonly gatewayLimitMs: number | undefined;
  /** The event as the core's request, built once: no intermediate object is copied into it. */
  toRequest(event: E, clock: InvocationClock): InvocationRequest;
  toResult(response: HttpResponse): R;
  /** The platform's id for the request, for logs. */
  requestIdOf(event: E): string | undefined;
}
