import type { DeployConfig } from '@serverless-mcp/modules';

/**
 * API key auth, as in the seed: API Gateway checks the X-Api-Key header before the function runs, and a key
 * grants every tool (scopes only apply behind an OAuth authorizer). No custom domain is needed.
 */
export const deploy: DeployConfig = {
  authMode: 'api_key',
};
