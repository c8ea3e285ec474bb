import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../../../core/context.ts';
import { redact, scrubSecrets } from '../../../logging/redact.ts';

/** The core's Logger over a Powertools Logger, with the message and every field redacted before it is written. */
export function fromPowertools(logger: PowertoolsLogger): Logger {
  const fields = (f: Record<string, unknown> | undefined) => (f ? (redact(f) as Record<string, unknown>) : {});
  return {
    debug: (message, f) => logger.debug(scrubSecrets(message), fields(f)),
    info: (message, f) => logger.info(scrubSecrets(message), fields(f)),
    warn: (message, f) => logger.warn(scrubSecrets(message), fields(f)),
    error: (message, f) => logger.error(scrubSecrets(message), fields(f)),
    child: (f) => fromPowertools(logger.createChild({ persistentKeys: fields(f) as never })),
  };
}
