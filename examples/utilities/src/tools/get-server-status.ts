import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { SERVER_NAME, SERVER_VERSION } from '../server-info.ts';

export const getServerStatusTool = ({ clock, region, startedAt }: Dependencies) =>
  defineTool({
    name: 'get_server_status',
    title: 'Server status',
    description: 'Health of this MCP server: status, current time (ISO 8601, UTC), AWS region, version and uptime.',
    output: z.object({
      status: z.literal('ok'),
      server: z.string(),
      version: z.string(),
      timestamp: z.iso.datetime(),
      region: z.string(),
      uptimeSeconds: z.number().int().min(0),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    scopes: ['utilities:read'],
    handler: () => {
      const now = clock();
      return {
        // Answering at all means the server is up; there is nothing deeper to check in this demo.
        status: 'ok' as const,
        server: SERVER_NAME,
        version: SERVER_VERSION,
        timestamp: now.toISOString(),
        region,
        // Since this instance started: on Lambda, time since the cold start.
        uptimeSeconds: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
      };
    },
  });
