import type { User, UserDirectory } from './users.ts';

/** Made-up people at example.com (a domain reserved for examples), so the demo holds no real personal data. */
export const MOCK_USERS: User[] = [
  { id: 'u-1001', name: 'Ada Lovelace', email: 'ada@example.com', role: 'admin', department: 'Engineering' },
  { id: 'u-1002', name: 'Grace Hopper', email: 'grace@example.com', role: 'member', department: 'Engineering' },
  { id: 'u-1003', name: 'Katherine Johnson', email: 'katherine@example.com', role: 'member', department: 'Research' },
  { id: 'u-1004', name: 'Alan Turing', email: 'alan@example.com', role: 'viewer', department: 'Research' },
];

export class InMemoryUserDirectory implements UserDirectory {
  readonly #byId: Map<string, User>;

  constructor(users: User[] = MOCK_USERS) {
    this.#byId = new Map(users.map((u) => [u.id, u]));
  }

  async findById(id: string): Promise<User | undefined> {
    return this.#byId.get(id);
  }
}
