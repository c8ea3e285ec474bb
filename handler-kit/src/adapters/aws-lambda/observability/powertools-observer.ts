import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { SettledEvent } from '../../../core/http/types.ts';
import type { InvocationObserver, LambdaObserver } from '../lambda-handler.ts';
import { fromPowertools } from './powertools-logger.ts';
import { accessFields, isFailure, isMeasuredCall } from './request-summary.ts';
import { observabilitySettings, type ObservabilityOptions } from './settings.ts';

/**
 * The same logging and metrics as the kit's default (cloudwatch-observer.ts), through Powertools' Logger and
 * Metrics, for teams that already run Powertools and want its features (log buffering, correlation ids,
 * custom formatters) on the kit's lines: `toLambdaHandler(server, { observer: powertoolsObserver() })`,
 * imported from `@serverless-mcp/handler-kit/aws-lambda/powertools`. Needs `@aws-lambda-powertools/logger`
 * and `@aws-lambda-powertools/metrics` installed (optional peer dependencies of the kit).
 */
export function powertoolsObserver(options: ObservabilityOptions = {}): LambdaObserver {
  // The service, namespace and switches resolve as for the default observer; the level and sampling are
  // Powertools' own to read.
  const settings = observabilitySettings(options);
  const serviceName = settings.service;
  const logs = settings.accessLines;
  const ptLogger = new PowertoolsLogger({
    serviceName,
    ...(options.logLevel ? { logLevel: options.logLevel.toUpperCase() as never } : {}),
    ...(options.sampleRate !== undefined ? { sampleRateValue: options.sampleRate } : {}),
  });
  const logger = fromPowertools(ptLogger);
  const metrics = settings.metrics ? new Metrics({ namespace: settings.namespace, serviceName }) : undefined;

  return {
    start({ context, coldStart, kind, requestId }): InvocationObserver {
      ptLogger.addContext(context);
      if (coldStart) metrics?.captureColdStartMetric(context.functionName);
      const events: SettledEvent[] = [];
      return {
        logger,
        observe: (event) => events.push(event),
        end({ status, durationMs }) {
          // Through the redacting logger like every other line: no field reaches CloudWatch unscrubbed.
          if (logs) logger.info('mcp request', accessFields({ kind, apiRequestId: requestId, status, durationMs, coldStart }, events[0], events));
          if (!metrics) return;
          for (const e of events) {
            if (!isMeasuredCall(e)) continue;
            metrics.addDimension('tool', e.target);
            metrics.addMetric('ToolCalls', MetricUnit.Count, 1);
            metrics.addMetric('ToolErrors', MetricUnit.Count, isFailure(e) ? 1 : 0);
            metrics.addMetric('ToolLatency', MetricUnit.Milliseconds, e.durationMs);
            if (e.streamed) metrics.addMetric('ToolStreamed', MetricUnit.Count, 1);
            metrics.publishStoredMetrics();
          }
        },
      };
    },
  };
}
