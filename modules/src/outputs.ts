import type { McpServerResult } from './mcp-server.ts';

export interface OutputSpec {
  value: string;
  description: string;
  sensitive?: boolean;
}

/** The stack's outputs, named and described once for the CDKTF app and the plain Terraform module. */
export function serverOutputs(r: McpServerResult): Record<string, OutputSpec> {
  const out: Record<string, OutputSpec> = {
    mcp_url: { value: r.mcpUrl, description: 'The MCP endpoint clients connect to' },
    health_url: { value: r.healthUrl, description: 'Health check (no auth)' },
    region: { value: r.region, description: 'AWS Region of the server' },
    claude_code_command: { value: r.clients.claudeCode, description: 'Adds the server to Claude Code' },
    cursor_config: { value: r.clients.cursor, description: 'Cursor mcp.json entry' },
    vscode_config: { value: r.clients.vscode, description: 'VS Code mcp.json entry' },
  };
  if (r.metadataUrls) {
    out.protected_resource_metadata_url = { value: r.metadataUrls.protectedResource, description: 'RFC 9728 protected-resource metadata' };
    out.authorization_server_metadata_url = { value: r.metadataUrls.authorizationServer, description: 'RFC 8414 authorization-server metadata' };
  }
  if (r.userPoolId) out.cognito_user_pool_id = { value: r.userPoolId, description: 'Cognito user pool holding the users and clients' };
  if (r.cliClientId) out.cognito_cli_client_id = { value: r.cliClientId, description: 'Pre-registered public client for command-line use' };
  if (r.apiKeyValue) out.api_key_value = { value: r.apiKeyValue, description: 'The API key clients send as X-Api-Key', sensitive: true };
  if (r.warnings.length) out.warnings = { value: r.warnings.join(' '), description: 'Things to know about this configuration' };
  return out;
}
