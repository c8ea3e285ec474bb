export { McpServer, DEFAULT_THROTTLING, type AuthConfig, type McpServerProps, type McpServerResult } from './mcp-server.ts';
export { McpFunction, existingFunction, type McpFunctionProps, type PolicyStatement } from './function.ts';
export { McpApi, type ApiAuth, type Throttling } from './api/rest-api.ts';
export { CognitoAuth } from './auth/cognito-auth.ts';
export { ClientRegistration } from './auth/registration.ts';
export { ApiKeyAuth } from './auth/api-key.ts';
export { CustomDomain } from './domain.ts';
export { readManifest, type ServerManifest } from './manifest.ts';
export { serverOutputs } from './outputs.ts';
