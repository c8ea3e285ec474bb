import type { Store } from '../ports/store.ts';

/** The store for tests and `make dev`: one process's memory. Values are copied in and out, as a database would. */
export class MemoryStore implements Store {
  readonly #items = new Map<string, { value: string; expiresAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  #live(key: string) {
    const item = this.#items.get(key);
    if (item && item.expiresAt <= this.#now()) {
      this.#items.delete(key);
      return undefined;
    }
    return item;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const item = this.#live(key);
    return item ? (JSON.parse(item.value) as T) : undefined;
  }

  async put<T>(key: string, value: T, expiresAt: number): Promise<void> {
    this.#items.set(key, { value: JSON.stringify(value), expiresAt });
  }

  async create<T>(key: string, value: T, expiresAt: number): Promise<boolean> {
    if (this.#live(key)) return false;
    this.#items.set(key, { value: JSON.stringify(value), expiresAt });
    return true;
  }

  async take<T>(key: string): Promise<T | undefined> {
    const item = this.#live(key);
    if (!item) return undefined;
    this.#items.delete(key);
    return JSON.parse(item.value) as T;
  }

  async increment(key: string, limit: number, expiresAt: number): Promise<boolean> {
    const item = this.#live(key);
    const count = item ? Number(item.value) : 0;
    if (count >= limit) return false;
    this.#items.set(key, { value: String(count + 1), expiresAt: item?.expiresAt ?? expiresAt });
    return true;
  }

  /** How many live items there are (tests). */
  get size(): number {
    for (const key of [...this.#items.keys()]) this.#live(key);
    return this.#items.size;
  }
}
