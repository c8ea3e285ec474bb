import {
  CostExplorerServiceException,
  DataUnavailableException,
  LimitExceededException,
  BillExpirationException,
  RequestChangedException,
} from '@aws-sdk/client-cost-explorer';
import { ToolError } from '@serverless-mcp/handler-kit';
import { describe, expect, it } from 'vitest';
import { AwsCostExplorer } from '../src/aws-cost-explorer.ts';
import { toToolError } from '../src/aws-errors.ts';

const metadata = { $metadata: { httpStatusCode: 400, requestId: 'req-1' } };
/** An AWS error the SDK does not model as a class: it arrives as the service exception with the code as name. */
const unmodelled = (name: string, message: string) =>
  new CostExplorerServiceException({ name, message, $fault: 'client', ...metadata });

const ACTIONABLE: [error: Error, message: RegExp][] = [
  [unmodelled('AccessDeniedException', 'User: arn:aws:sts::111122223333:assumed-role/x is not authorized to perform: ce:GetCostAndUsage'),
    /^This server may not read Cost Explorer data.*an administrator of the AWS account has to fix it\.$/],
  [new DataUnavailableException({ message: 'Data is not available', ...metadata }), /^Cost Explorer has no data for this request yet\./],
  [new LimitExceededException({ message: 'Rate exceeded', ...metadata }), /rate limit was reached\. Wait a few seconds/],
  [unmodelled('ThrottlingException', 'Rate exceeded'), /rate limit was reached/],
  [new BillExpirationException({ message: 'expired', ...metadata }), /no longer available in Cost Explorer/],
  [new RequestChangedException({ message: 'changed', ...metadata }), /Call the tool again/],
];

describe('AWS Cost Explorer adapter: errors', () => {
  it.each(ACTIONABLE.map(([error, message]) => [error.name, error, message] as const))('turns %s into a ToolError the model can act on', (_name, error, message) => {
    const mapped = toToolError(error);
    expect(mapped).toBeInstanceOf(ToolError);
    expect((mapped as ToolError).message).toMatch(message);
  });

  it('never repeats the account or role from an access-denied message', () => {
    const mapped = toToolError(ACTIONABLE[0]![0]) as ToolError;
    expect(mapped.message).not.toMatch(/111122223333|assumed-role/);
  });

  it('passes on what AWS says about a rejected request, on one short line', () => {
    const mapped = toToolError(unmodelled('ValidationException', 'Start date (and hour) should be before end date (and hour)\n  '));
    expect((mapped as ToolError).message).toBe(
      'Cost Explorer rejected the request: Start date (and hour) should be before end date (and hour). Check the dates ' +
        '(cost history reaches back about 13 months; forecasts start today or later) and try again.',
    );
    const long = toToolError(unmodelled('ValidationException', 'x'.repeat(1000))) as ToolError;
    expect(long.message.length).toBeLessThan(450);
  });

  it('leaves unexpected errors untouched, so the kit logs them and answers generically', () => {
    const unexpected = [
      unmodelled('UnrecognizedClientException', 'The security token included in the request is invalid'),
      Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }),
      new DOMException('This operation was aborted', 'AbortError'),
      'a string',
      undefined,
    ];
    for (const error of unexpected) expect(toToolError(error)).toBe(error);
  });

  it('applies the mapping to every port method', async () => {
    const denied = unmodelled('AccessDeniedException', 'denied');
    const costs = new AwsCostExplorer(() => ({ send: async () => { throw denied; } }) as never);
    const period = { start: '2026-10-01', end: '2026-11-01' };
    const calls = [
      costs.getCosts({ period, granularity: 'MONTHLY', metric: 'UnblendedCost' }),
      costs.getForecast({ period, granularity: 'MONTHLY', metric: 'UnblendedCost' }),
      costs.getAnomalies({ period }),
      costs.getSavingsPlansCoverage({ period, granularity: 'MONTHLY' }),
    ];
    for (const call of calls) await expect(call).rejects.toThrow(ToolError);
  });
});
