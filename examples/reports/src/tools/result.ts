import { ToolError, type Logger } from '@serverless-mcp/handler-kit';
import type { Result } from '../report-jobs.ts';

// What the model can do next, appended to the runner's own explanation.
const HINTS = {
  not_found: ' generate_report returns the ids; start a new report if this one is lost.',
  busy: '',
  misconfigured: ' Retrying will not help; tell the user the server needs its operator.',
  unavailable: '',
  unexpected: ' Tell the user if it persists.',
} as const;

/** The value of a successful call; otherwise a ToolError for the model, and the cause in the log. */
export function unwrap<T>(result: Result<T>, log: Logger): T {
  if (result.ok) return result.value;
  const { type, message, cause } = result.error;
  if (type !== 'not_found') log.warn('report jobs call failed', { type, cause });
  throw new ToolError(message + HINTS[type]);
}
