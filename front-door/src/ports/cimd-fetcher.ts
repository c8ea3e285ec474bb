/**
 * Fetches a Client ID Metadata Document. Implementations enforce the network rules (https only, public
 * addresses after resolution, no redirects, size and time limits) and throw CimdFetchError otherwise.
 */
export interface FetchedDocument {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export type CimdFetcher = (url: URL) => Promise<FetchedDocument>;

export class CimdFetchError extends Error {}
