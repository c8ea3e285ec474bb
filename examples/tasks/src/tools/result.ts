import { ToolError } from '@serverless-mcp/handler-kit';
import type { Result } from '../tasks-api.ts';

// What the model can do next, appended to the service's own explanation.
const HINTS = {
  not_found: ' Call list_tasks to see existing ids.',
  invalid: '',
  unauthorized: ' Retrying will not help; tell the user the server needs its operator.',
  rate_limited: '',
  unavailable: ' The task service may be down; try again shortly.',
  unexpected: ' Retrying may not help; tell the user if it persists.',
} as const;

/** The value of a successful call; otherwise a ToolError the model can act on. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ToolError(result.error.message + HINTS[result.error.type]);
}
