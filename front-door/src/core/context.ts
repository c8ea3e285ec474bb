import type { FrontDoorLogger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { UpstreamIdentityProvider } from '../ports/upstream.ts';
import type { ClientDirectory } from './clients.ts';
import type { ResolvedConfig } from './config.ts';

/** What every endpoint works with. */
export interface Deps {
  config: ResolvedConfig;
  store: Store;
  upstream: UpstreamIdentityProvider;
  clients: ClientDirectory;
  logger: FrontDoorLogger;
  now: () => number;
}
