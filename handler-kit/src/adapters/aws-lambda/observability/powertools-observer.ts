import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { SettledEvent } from '../../../core/http/types.ts';
import { UNREGISTERED } from '../../../core/limits.ts';
import type { InvocationObserver, LambdaObserver } from '../lambda-handler.ts';
import { fromPowertools } from './powertools-logger.ts';

export interface ObservabilityOptions {
  /** Service name on log lines and metrics. Default POWERTOOLS_SERVICE_NAME, else the function name. */
  serviceName?: string;
  /** CloudWatch namespace for the EMF metrics. Default POWERTOOLS_METRICS_NAMESPACE, else "MCP". */
  namespace?: string;
  /** One structured line per request (default on). Level from LOG_LEVEL. */
  logs?: boolean;
  /** EMF metrics per tool and a cold-start metric (default on; POWERTOOLS_METRICS_DISABLED=true also stops them). */
  metrics?: boolean;
}

const TOOL_FAILURES = new Set<SettledEvent['outcome']>(['tool_error', 'error']);

/**
 * Powertools logging and metrics for every invocation:
 * - one log line per request: request ids, JSON-RPC method, tool, outcome, duration, cold start. The raw
 *   event is never logged, so neither are Authorization headers or tokens; every field is redacted, names
 *   the server does not have are "(unregistered)" and ids are cut short (see SettledEvent);
 * - EMF metrics per tool (ToolCalls, ToolErrors, ToolLatency, ToolStreamed with a `tool` dimension) and
 *   ColdStart. A streamed call is logged (with `streamed: true`) and measured when its stream ends.
 */
export function powertoolsObserver(options: ObservabilityOptions = {}): LambdaObserver {
  const env = process.env;
  const serviceName = options.serviceName ?? env.POWERTOOLS_SERVICE_NAME ?? env.AWS_LAMBDA_FUNCTION_NAME ?? 'mcp-server';
  const logs = options.logs !== false;
  const metricsOn = options.metrics !== false;
  const ptLogger = new PowertoolsLogger({ serviceName });
  const logger = fromPowertools(ptLogger);
  const metrics = metricsOn ? new Metrics({ namespace: options.namespace ?? env.POWERTOOLS_METRICS_NAMESPACE ?? 'MCP', serviceName }) : undefined;

  return {
    start({ context, coldStart, kind, requestId }): InvocationObserver {
      ptLogger.addContext(context);
      if (coldStart) metrics?.captureColdStartMetric(context.functionName);
      const events: SettledEvent[] = [];
      return {
        logger,
        observe: (event) => events.push(event),
        end({ status, durationMs }) {
          if (logs) {
            const first = events[0];
            // Through the redacting logger like every other line: no field reaches CloudWatch unscrubbed.
            logger.info('mcp request', {
              event: kind,
              apiRequestId: requestId,
              status,
              durationMs: Math.round(durationMs * 100) / 100,
              coldStart,
              ...(first
                ? {
                    rpcId: first.requestId, method: first.method, tool: first.target, outcome: first.outcome, errorCode: first.errorCode, era: first.era,
                    ...(first.streamed ? { streamed: true } : {}),
                  }
                : { outcome: status >= 400 ? 'rejected' : 'accepted' }),
              ...(events.length > 1 ? { batch: events.map((e) => ({ rpcId: e.requestId, method: e.method, tool: e.target, outcome: e.outcome })) } : {}),
            });
          }
          if (!metrics) return;
          for (const e of events) {
            if (e.method !== 'tools/call' || e.target === undefined || e.target === UNREGISTERED) continue;
            metrics.addDimension('tool', e.target);
            metrics.addMetric('ToolCalls', MetricUnit.Count, 1);
            metrics.addMetric('ToolErrors', MetricUnit.Count, TOOL_FAILURES.has(e.outcome) ? 1 : 0);
            metrics.addMetric('ToolLatency', MetricUnit.Milliseconds, e.durationMs);
            // Streamed calls cost more (see the README's pricing): counted apart so they can be watched.
            // Only when there is one, so buffered-only servers publish exactly what they did before.
            if (e.streamed) metrics.addMetric('ToolStreamed', MetricUnit.Count, 1);
            metrics.publishStoredMetrics();
          }
        },
      };
    },
  };
}
