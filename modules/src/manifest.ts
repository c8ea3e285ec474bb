import { readFileSync } from 'node:fs';

/** The part of a server's build manifest (dist/<server>/manifest.json) the infrastructure reads. */
export interface ServerManifest {
  manifestVersion: 1;
  name: string;
  version: string;
  title?: string;
  scopes: string[];
  tools: { name: string; scopes: string[] }[];
  /**
   * The server card's part the definitions decide (the kit's ServerCardTemplate); the module completes it
   * with the deployment's URL and auth and serves it (server-card.ts). Absent in manifests older than cards.
   */
  serverCard?: unknown;
}

export function readManifest(path: string): ServerManifest {
  const m = JSON.parse(readFileSync(path, 'utf8')) as ServerManifest;
  if (m.manifestVersion !== 1 || typeof m.name !== 'string' || !Array.isArray(m.scopes)) {
    throw new Error(`${path} is not a serverless-mcp manifest (manifestVersion 1): rebuild with make build`);
  }
  if (typeof m.serverCard !== 'object' || m.serverCard === null) {
    throw new Error(`${path} has no serverCard (it was built by a kit older than server cards): rebuild with make build`);
  }
  return m;
}
