/** What browser-based MCP clients need to call the API and read its challenges. */
export const CORS_ALLOW_HEADERS = 'Authorization,Content-Type,Accept,Mcp-Protocol-Version,Mcp-Session-Id,Mcp-Method,Mcp-Name,Last-Event-ID,X-Api-Key';
/**
 * x-amzn-Remapped-WWW-Authenticate: API Gateway renames a WWW-Authenticate header a Lambda proxy answer
 * sets (the kit's 403 insufficient_scope) to this; exposed so browser clients can read it as well.
 */
export const CORS_EXPOSE_HEADERS = 'WWW-Authenticate,x-amzn-Remapped-WWW-Authenticate,Mcp-Session-Id,Mcp-Protocol-Version';

export function preflightHeaders(allowOrigin: string, methods: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': allowOrigin,
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}

export function responseCorsHeaders(allowOrigin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': allowOrigin, 'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS };
}
