import type { DeployConfig } from '@serverless-mcp/modules';

/** Cognito OAuth (the default): callers need the dogfacts:read scope, or the server-wide one. */
export const deploy: DeployConfig = {
  authMode: 'cognito',
  passEnvironment: [
    { name: 'DOG_FACTS_API_URL', required: false, description: 'Base URL of the dog facts API (default https://dogapi.dog/api/v2)' },
    { name: 'DOG_FACTS_TIMEOUT_MS', required: false, description: 'How long one call to the dog facts API may take, in ms (default 5000)' },
  ],
};
