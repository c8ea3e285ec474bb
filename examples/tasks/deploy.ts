import type { DeployConfig } from '@serverless-mcp/modules';

/**
 * How `make deploy SERVER=tasks` deploys this server: Cognito OAuth in front (scopes tasks:read and
 * tasks:write), and the task REST API's address and key copied from the deployer's environment.
 */
export const deploy: DeployConfig = {
  authMode: 'cognito',
  passEnvironment: [
    {
      name: 'TASKS_API_URL',
      required: false,
      description:
        'Base URL of the task REST API, e.g. https://tasks.example.com/v1. Without it the deployed server ' +
        'runs on in-memory demo data, which is lost whenever Lambda starts a new instance.',
    },
    {
      name: 'TASKS_API_KEY',
      required: false,
      description:
        'Key sent to TASKS_API_URL as "Authorization: Bearer <key>". It is stored in plain text in the ' +
        'function environment and the Terraform state; use a key scoped to this server.',
    },
  ],
};
