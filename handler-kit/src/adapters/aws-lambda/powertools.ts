/**
 * The kit's Lambda logging and metrics through Powertools for AWS Lambda, for teams that already run it:
 * `toLambdaHandler(server, { observer: powertoolsObserver() })`. A subpath of its own so that the default
 * entry never loads Powertools; it needs `@aws-lambda-powertools/logger` and `@aws-lambda-powertools/metrics`
 * installed (optional peer dependencies of the kit).
 */
export { powertoolsObserver } from './observability/powertools-observer.ts';
export type { ObservabilityOptions } from './observability/settings.ts';
