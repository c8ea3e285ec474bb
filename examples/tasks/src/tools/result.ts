import { ToolError } from '@serverless-mcp/handler-kit';
import type { Result } from '../tasks-api.ts';

const HINTS = {
  not_found: ' Call list_tasks to see existing ids.',
  invalid: '',
  unavailable: ' The task service may be down; try again shortly.',
} as const;

/** The value of a successful call; otherwise a ToolError the model can act on. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ToolError(result.error.message + HINTS[result.error.type]);
}
