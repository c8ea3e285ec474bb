import * as z from 'zod';

export const User = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'member', 'viewer']),
  department: z.string(),
});
export type User = z.infer<typeof User>;

/** The port lookup_user reads: an in-memory directory here, an HR system or IdP in a real deployment. */
export interface UserDirectory {
  /** The user with exactly this id, or undefined. */
  findById(id: string): Promise<User | undefined>;
}
