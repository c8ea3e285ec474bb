import { InMemoryUserDirectory } from './in-memory-users.ts';
import { InMemoryWeatherService } from './in-memory-weather.ts';
import type { UserDirectory } from './users.ts';
import type { WeatherService } from './weather.ts';

/** Everything the tools need from outside. Tests build their own; the server builds it from the environment. */
export interface Dependencies {
  weather: WeatherService;
  users: UserDirectory;
  /** Injected so timestamps and uptime are deterministic in tests. */
  clock: () => Date;
  /** AWS Region the server runs in ("local" off AWS). */
  region: string;
  /** When this server instance started (a Lambda cold start), for uptime. */
  startedAt: Date;
}

/**
 * Mock weather and users in memory (this example demonstrates the wiring, not real data); the region from
 * AWS_REGION, which Lambda sets for every function.
 */
export function createDependencies(env: Readonly<Record<string, string | undefined>> = {}): Dependencies {
  const clock = () => new Date();
  return {
    weather: new InMemoryWeatherService(),
    users: new InMemoryUserDirectory(),
    clock,
    region: env.AWS_REGION || 'local',
    startedAt: clock(),
  };
}
