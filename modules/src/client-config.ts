/** Ready-to-paste client configuration for a deployed server. */
export interface ClientConfiguration {
  claudeCode: string;
  cursor: string;
  vscode: string;
}

export function clientConfiguration(name: string, url: string, apiKey: boolean): ClientConfiguration {
  const headers = apiKey ? { 'X-Api-Key': '<api key: terraform output -raw api_key_value>' } : undefined;
  return {
    claudeCode: `claude mcp add --transport http ${name} ${url}${apiKey ? ' --header "X-Api-Key: <api key>"' : ''}`,
    cursor: JSON.stringify({ mcpServers: { [name]: { url, ...(headers ? { headers } : {}) } } }),
    vscode: JSON.stringify({ servers: { [name]: { type: 'http', url, ...(headers ? { headers } : {}) } } }),
  };
}
