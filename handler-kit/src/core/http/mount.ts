/**
 * Another handler served beside the MCP endpoint on the same origin, such as the OAuth front door
 * (`/.well-known/*`, `/authorize`, `/token`...). Plain data in and out, so adapters can carry it as they
 * carry the MCP handler; it sees the query string, which the MCP handler never needs.
 */
export interface MountedRequest {
  method: string;
  /** Path and query, e.g. `/authorize?client_id=...`. */
  url: string;
  /** Lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

export interface MountedHandler {
  /** Whether this handler serves `path` (checked before the MCP path). */
  matches(path: string): boolean;
  handle(request: MountedRequest): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

/** Bodies sent to mounted handlers are small forms and JSON documents. */
export const MOUNT_MAX_BODY_BYTES = 64 * 1024;
