import { connect as connectClient } from '@serverless-mcp/handler-kit/testing';
import type { CostExplorerPort } from '../src/cost-explorer-port.ts';
import { DemoCostExplorer } from '../src/demo-cost-explorer.ts';
import type { DataSource } from '../src/dependencies.ts';
import { createCostExplorerServer } from '../src/server.ts';

/** A Saturday; "today" for every tool test. */
export const NOW = new Date('2026-11-21T10:00:00Z');

/** The server over the given port (demo data by default), driven by the official client through server.fetch. */
export async function connect(options: { costs?: CostExplorerPort; dataSource?: DataSource } = {}) {
  const costs = options.costs ?? new DemoCostExplorer({ clock: () => NOW });
  const server = createCostExplorerServer({ costs, clock: () => NOW, dataSource: options.dataSource ?? 'demo' });
  const client = await connectClient(server);
  // The client validates structuredContent against each tool's outputSchema once it has listed them.
  await client.listTools();
  const call = (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args });
  return { client, call, server };
}

export const structured = (r: unknown) => (r as { structuredContent: Record<string, any> }).structuredContent;
export const textOf = (r: unknown) => (r as { content: { text: string }[] }).content[0]!.text;
export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
