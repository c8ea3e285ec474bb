import { choose, type Toggle } from './conditions.ts';

/** Ready-to-paste client configuration for a deployed server. */
export interface ClientConfiguration {
  claudeCode: string;
  cursor: string;
  vscode: string;
}

export function clientConfiguration(name: string, url: string, apiKey: Toggle): ClientConfiguration {
  const headers = { 'X-Api-Key': '<api key: terraform output -raw api_key_value>' };
  const pickFor = (withKey: string, withoutKey: string) => choose(apiKey, withKey, withoutKey);
  return {
    claudeCode: pickFor(
      `claude mcp add --transport http ${name} ${url} --header "X-Api-Key: <api key>"`,
      `claude mcp add --transport http ${name} ${url}`,
    ),
    cursor: pickFor(JSON.stringify({ mcpServers: { [name]: { url, headers } } }), JSON.stringify({ mcpServers: { [name]: { url } } })),
    vscode: pickFor(JSON.stringify({ servers: { [name]: { type: 'http', url, headers } } }), JSON.stringify({ servers: { [name]: { type: 'http', url } } })),
  };
}
