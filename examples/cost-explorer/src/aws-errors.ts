import { ToolError } from '@serverless-mcp/handler-kit';

const RETRY_LATER = "Cost Explorer's request rate limit was reached. Wait a few seconds, then try again with fewer calls in a row.";

/**
 * Cost Explorer errors a model can act on, by the error name the SDK gives them. Several (access denied,
 * throttling, validation) are generic AWS errors the SDK does not model as classes, so names are matched,
 * not classes.
 */
const ACTIONABLE: Record<string, string> = {
  AccessDeniedException:
    'This server may not read Cost Explorer data: its IAM role lacks the permission, or Cost Explorer is not ' +
    'enabled for the account. Retrying will not help; an administrator of the AWS account has to fix it.',
  DataUnavailableException:
    'Cost Explorer has no data for this request yet. Costs arrive up to a day late, and an account that just ' +
    'enabled Cost Explorer needs about a day before data appears. Try an earlier or longer period.',
  BillExpirationException: 'That period is no longer available in Cost Explorer. Ask for a more recent period.',
  RequestChangedException: 'The cost data changed while it was being read. Call the tool again.',
  LimitExceededException: RETRY_LATER,
  ThrottlingException: RETRY_LATER,
  TooManyRequestsException: RETRY_LATER,
};

const errorName = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string' ? (err as { name: string }).name : undefined;

/** AWS's own words about a rejected request, on one line and short: they name the offending parameter. */
const awsReason = (err: unknown): string => {
  const message = err instanceof Error ? err.message.replace(/\s+/g, ' ').trim() : '';
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
};

/**
 * A ToolError for failures the model can act on. Anything else (credentials, network, a bug, an abort at
 * the deadline) is returned unchanged, so the kit logs it in full and tells the model only that it failed.
 */
export function toToolError(err: unknown): unknown {
  const name = errorName(err);
  if (name === undefined) return err;
  const actionable = ACTIONABLE[name];
  if (actionable) return new ToolError(actionable);
  if (name === 'ValidationException') {
    const reason = awsReason(err);
    return new ToolError(
      `Cost Explorer rejected the request${reason ? `: ${reason}` : ''}. Check the dates (cost history reaches ` +
        'back about 13 months; forecasts start today or later) and try again.',
    );
  }
  return err;
}

/** Awaits an SDK call, turning actionable Cost Explorer errors into ToolErrors. */
export const guarded = <T>(call: Promise<T>): Promise<T> =>
  call.catch((err: unknown) => {
    throw toToolError(err);
  });
