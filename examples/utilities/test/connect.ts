import { connect as connectClient } from '@serverless-mcp/handler-kit/testing';
import type { Dependencies } from '../src/dependencies.ts';
import { InMemoryUserDirectory } from '../src/in-memory-users.ts';
import { InMemoryWeatherService } from '../src/in-memory-weather.ts';
import { createUtilitiesServer } from '../src/server.ts';

export const STARTED = new Date('2026-11-21T10:00:00Z');

/** Test dependencies: the mock data, a fixed clock 90.5 s after start, a fixed region. */
export const testDependencies = (overrides: Partial<Dependencies> = {}): Dependencies => ({
  weather: new InMemoryWeatherService(),
  users: new InMemoryUserDirectory(),
  clock: () => new Date(STARTED.getTime() + 90_500),
  region: 'eu-west-1',
  startedAt: STARTED,
  ...overrides,
});

/** The utilities server, driven by the official MCP client through server.fetch. */
export async function connect(overrides: Partial<Dependencies> = {}) {
  const server = createUtilitiesServer(testDependencies(overrides));
  const client = await connectClient(server);
  return client;
}

export const structured = (r: unknown) => (r as { structuredContent: Record<string, any> }).structuredContent;
export const textOf = (r: unknown) => (r as { content: { text: string }[] }).content[0]!.text;

/** Asserts an isError result without structured content, and returns its text. */
export function errorText(result: unknown): string {
  const r = result as { isError?: boolean; structuredContent?: unknown };
  if (r.isError !== true) throw new Error(`expected an isError result, got ${JSON.stringify(result)}`);
  if (r.structuredContent !== undefined) throw new Error('an error result should carry no structured content');
  return textOf(result);
}
