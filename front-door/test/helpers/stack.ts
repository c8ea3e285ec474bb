import { createDependencies } from '../../../examples/tasks/src/dependencies.ts';
import { createTasksServer } from '../../../examples/tasks/src/server.ts';
import { startOAuthStack, type OAuthStack, type OAuthStackOptions } from '../../../scripts/lib/oauth-stack.ts';

/** The default example (tasks) behind the front door, as `make dev AUTH=oauth` runs it, on free ports. */
export function startTasksStack(options: Omit<OAuthStackOptions, 'handler'> = {}): Promise<OAuthStack> {
  return startOAuthStack({
    ...options,
    handler: (resourceMetadataUrl) => {
      // The kit reads the infrastructure's settings from the environment when the handler is made.
      const before = process.env.MCP_RESOURCE_METADATA_URL;
      process.env.MCP_RESOURCE_METADATA_URL = resourceMetadataUrl;
      try {
        return createTasksServer(createDependencies({}));
      } finally {
        if (before === undefined) delete process.env.MCP_RESOURCE_METADATA_URL;
        else process.env.MCP_RESOURCE_METADATA_URL = before;
      }
    },
  });
}
