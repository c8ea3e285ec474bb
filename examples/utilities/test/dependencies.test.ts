import { describe, expect, it } from 'vitest';
import { deploy } from '../deploy.ts';
import { createDependencies } from '../src/dependencies.ts';

describe('utilities configuration', () => {
  it('takes the region from AWS_REGION, "local" when unset', () => {
    expect(createDependencies({ AWS_REGION: 'us-east-1' }).region).toBe('us-east-1');
    expect(createDependencies({}).region).toBe('local');
  });

  it('serves the mock data', async () => {
    const deps = createDependencies({});
    expect((await deps.weather.current('Tokyo'))?.condition).toBe('fog');
    expect((await deps.users.findById('u-1001'))?.name).toBe('Ada Lovelace');
  });

  it('deploys with API key auth', () => {
    expect(deploy).toEqual({ authMode: 'api_key' });
  });
});
