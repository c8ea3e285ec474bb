/**
 * What the doctor reports: one row per check, with the clients whose connection a failure breaks. A
 * failure that breaks a client, or a security failure, makes the exit status non-zero; warnings and
 * skips never do.
 */
import { ALL_CLIENTS, type ClientId } from './clients.ts';

export type Status = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  /** The part of the server the check looks at: tls, endpoint, resource-metadata, ... */
  group: string;
  name: string;
  status: Status;
  /** What was seen (pass), why it failed or was skipped (fail, warn, skip). */
  detail: string;
  /** How to fix it (fail, warn). */
  hint?: string;
  /** The clients a failure of this check stops; empty for checks no client depends on. */
  clients: readonly ClientId[];
  /** A failure is a security hole, whatever the clients do. */
  security?: boolean;
}

export interface FailOptions {
  clients?: readonly ClientId[];
  security?: boolean;
}

/** Collects results in order; each check module writes its rows into one of these. */
export class Findings {
  readonly results: CheckResult[] = [];
  private readonly group: string;
  constructor(group: string) {
    this.group = group;
  }

  pass(name: string, detail: string, clients: readonly ClientId[] = ALL_CLIENTS): void {
    this.results.push({ group: this.group, name, status: 'pass', detail, clients });
  }

  fail(name: string, detail: string, hint: string, options: FailOptions = {}): void {
    this.results.push({
      group: this.group,
      name,
      status: 'fail',
      detail,
      hint,
      clients: options.clients ?? ALL_CLIENTS,
      ...(options.security ? { security: true } : {}),
    });
  }

  warn(name: string, detail: string, hint: string): void {
    this.results.push({ group: this.group, name, status: 'warn', detail, hint, clients: [] });
  }

  skip(name: string, detail: string): void {
    this.results.push({ group: this.group, name, status: 'skip', detail, clients: [] });
  }
}

/** A failure that matters: it stops a client from connecting, or it is a security hole. */
export const matters = (r: CheckResult): boolean => r.status === 'fail' && (r.clients.length > 0 || r.security === true);

/** The clients none of whose checks failed. */
export function clientsThatPass(results: readonly CheckResult[]): ClientId[] {
  const blocked = new Set(results.filter((r) => r.status === 'fail').flatMap((r) => r.clients));
  return ALL_CLIENTS.filter((c) => !blocked.has(c));
}
