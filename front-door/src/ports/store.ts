/**
 * The front door's storage: keyed items that expire. Every implementation must treat an item whose
 * `expiresAt` has passed as absent, on reads and on conditional writes alike (DynamoDB's TTL deletes late,
 * so an expired item may still be there physically). Times are milliseconds since the epoch.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  /** Writes unconditionally. */
  put<T>(key: string, value: T, expiresAt: number): Promise<void>;
  /** Writes only when no live item holds the key; false when one does (no race: a conditional write). */
  create<T>(key: string, value: T, expiresAt: number): Promise<boolean>;
  /** Reads and deletes in one atomic step: of two concurrent takers, only one gets the item. */
  take<T>(key: string): Promise<T | undefined>;
  /**
   * Adds one to a counter unless it has reached `limit`; true when it counted. The counter expires at
   * `expiresAt` (set on first count). Concurrent callers never push it past the limit.
   */
  increment(key: string, limit: number, expiresAt: number): Promise<boolean>;
}
