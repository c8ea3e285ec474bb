import { describe, expect, it } from 'vitest';
import { AwsCostExplorer, createCostExplorerClient, sharedCostExplorerClient } from '../src/aws-cost-explorer.ts';

/** Thrown by the test middleware to stop a request before it is signed or sent. */
class Captured extends Error {
  readonly request: { hostname: string; headers: Record<string, string>; body: string | Uint8Array };
  constructor(request: Captured['request']) {
    super('captured');
    this.request = request;
  }
}

describe('AWS Cost Explorer adapter: the SDK client', () => {
  it('creates one client per container, on first use', () => {
    expect(sharedCostExplorerClient()).toBe(sharedCostExplorerClient());
  });

  it('talks to the us-east-1 endpoint, whatever Region the function runs in', async () => {
    // Static made-up credentials: the SDK resolves an identity before it builds the request.
    const client = createCostExplorerClient({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' } });
    expect(await client.config.region()).toBe('us-east-1');
    // Stop the real SDK pipeline once the HTTP request is built: no credentials, no network.
    client.middlewareStack.add(
      () => async (args) => {
        throw new Captured(args.request as Captured['request']);
      },
      { step: 'build', name: 'captureRequest' },
    );
    const error = await new AwsCostExplorer(() => client)
      .getCosts({ period: { start: '2026-10-01', end: '2026-11-01' }, granularity: 'MONTHLY', metric: 'UnblendedCost' })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Captured);
    const { hostname, headers, body } = (error as Captured).request;
    expect(hostname).toBe('ce.us-east-1.amazonaws.com');
    expect(headers['x-amz-target']).toBe('AWSInsightsIndexService.GetCostAndUsage');
    expect(JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body))).toEqual({ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] });
  });
});
