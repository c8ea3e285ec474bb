/** Protocol revisions this kit serves, newest first within each era. */

export const MODERN_VERSIONS = ['2026-07-28'] as const;
export const LEGACY_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26'] as const;
export const SUPPORTED_VERSIONS: readonly string[] = [...MODERN_VERSIONS, ...LEGACY_VERSIONS];

/** What a legacy request without an MCP-Protocol-Version header is taken to speak (the spec's rule). */
export const DEFAULT_LEGACY_VERSION = '2025-03-26';

export const isModernVersion = (v: string): boolean => (MODERN_VERSIONS as readonly string[]).includes(v);
export const isLegacyVersion = (v: string): boolean => (LEGACY_VERSIONS as readonly string[]).includes(v);

/** `initialize`: the client's version when served, else the newest legacy one (the client decides then). */
export function negotiateLegacyVersion(requested: unknown): string {
  return typeof requested === 'string' && isLegacyVersion(requested) ? requested : LEGACY_VERSIONS[0];
}

/** JSON-RPC batches exist only in 2025-03-26. */
export const allowsBatches = (version: string): boolean => version === '2025-03-26';
