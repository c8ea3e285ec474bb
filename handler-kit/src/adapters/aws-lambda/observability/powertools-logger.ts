import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../../../core/context.ts';
import { redact } from '../../../logging/redact.ts';

/** The core's Logger over a Powertools Logger, with every field redacted before it is written. */
export function fromPowertools(logger: PowertoolsLogger): Logger {
  const fields = (f: Record<string, unknown> | undefined) => (f ? (redact(f) as Record<string, unknown>) : {});
  return {
    debug: (message, f) => logger.debug(message, fields(f)),
    info: (message, f) => logger.info(message, fields(f)),
    warn: (message, f) => logger.warn(message, fields(f)),
    error: (message, f) => logger.error(message, fields(f)),
    child: (f) => fromPowertools(logger.createChild({ persistentKeys: fields(f) as never })),
  };
}
