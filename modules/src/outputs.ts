import { Fn, Token } from 'cdktf';
import type { McpServerResult } from './mcp-server.ts';

export interface OutputSpec {
  value: string;
  description: string;
  sensitive?: boolean;
}

/**
 * The outputs, named and described once for the CDKTF app and the plain Terraform module. An output that
 * does not apply is left out of the app's stack, and is null in the module (whose mode is chosen at plan).
 */
export function serverOutputs(r: McpServerResult): Record<string, OutputSpec> {
  const all: Record<string, Omit<OutputSpec, 'value'> & { value: string | undefined }> = {
    mcp_url: { value: r.mcpUrl, description: 'The MCP endpoint clients connect to' },
    health_url: { value: r.healthUrl, description: 'Health check (no auth)' },
    server_card_url: { value: r.serverCardUrl, description: 'The MCP Server Card, public in every auth mode (also at /.well-known/mcp/server-card.json)' },
    region: { value: r.region, description: 'AWS Region of the server' },
    lambda_function_arn: { value: r.functionArn, description: 'ARN of the function serving MCP (created, or the existing one given)' },
    lambda_function_name: { value: r.functionName, description: 'Name of the function serving MCP (created, or the existing one given)' },
    lambda_role_arn: { value: r.roleArn, description: 'ARN of the function\'s IAM role: attach more policies to it (null for an existing function)' },
    lambda_role_name: { value: r.roleName, description: 'Name of the function\'s IAM role (null for an existing function)' },
    cloudwatch_log_group_name: { value: r.logGroupName, description: 'The function\'s CloudWatch log group (null for an existing function)' },
    api_id: { value: r.restApiId, description: 'API Gateway REST API id' },
    api_execution_arn: { value: r.executionArn, description: 'Execution ARN of the REST API, for lambda:InvokeFunction source ARNs and IAM policies' },
    stage_name: { value: r.stageName, description: 'API Gateway stage' },
    stage_invoke_url: { value: r.stageInvokeUrl, description: 'The stage\'s execute-api URL (disabled behind a custom domain: use mcp_url)' },
    acm_certificate_arn: { value: r.certificateArn, description: 'Certificate of the custom domain (created, or the one given; null without a domain)' },
    protected_resource_metadata_url: { value: r.protectedResourceMetadataUrl, description: 'RFC 9728 protected-resource metadata (cognito mode)' },
    authorization_server_metadata_url: { value: r.authorizationServerMetadataUrl, description: 'RFC 8414 authorization-server metadata (cognito mode)' },
    cognito_user_pool_id: { value: r.userPoolId, description: 'Cognito user pool holding the users and clients (cognito mode)' },
    cognito_user_pool_arn: { value: r.userPoolArn, description: 'ARN of that user pool (cognito mode)' },
    cognito_cli_client_id: { value: r.cliClientId, description: 'Pre-registered public client for command-line use (cognito mode)' },
    api_key_id: { value: r.apiKeyId, description: 'The API key\'s id (api_key mode)' },
    api_key_value: { value: r.apiKeyValue, description: 'The API key clients send as X-Api-Key (api_key mode)', sensitive: true },
    request_state_secret: { value: r.requestStateSecret, description: 'MCP_STATE_SECRET of the function (set it yourself on an existing function)', sensitive: true },
    claude_code_command: { value: r.clients.claudeCode, description: 'Adds the server to Claude Code' },
    cursor_config: { value: r.clients.cursor, description: 'Cursor mcp.json entry' },
    vscode_config: { value: r.clients.vscode, description: 'VS Code mcp.json entry' },
    warnings: { value: warningText(r.warnings), description: 'Things to know about this configuration (empty when none)' },
  };
  const out: Record<string, OutputSpec> = {};
  for (const [name, o] of Object.entries(all)) {
    if (o.value === undefined || o.value === '') continue;
    out[name] = { ...o, value: o.value };
  }
  return out;
}

function warningText(warnings: string[]): string | undefined {
  if (warnings.some((w) => Token.isUnresolved(w))) return Fn.join(' ', Fn.compact(warnings));
  const given = warnings.filter((w) => w !== '');
  return given.length ? given.join(' ') : undefined;
}
