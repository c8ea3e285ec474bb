import type { SettledEvent } from '../../../core/http/types.ts';
import { scrubSecrets } from '../../../logging/redact.ts';
import { isFailure } from './request-summary.ts';

/**
 * CloudWatch embedded metric format (EMF) documents, one JSON line each on stdout, where Lambda's log
 * stream hands them to CloudWatch to extract: per tool call ToolCalls, ToolErrors and ToolLatency (and
 * ToolStreamed for a streamed answer) under `service` and `tool` dimensions, and once per instance
 * ColdStart under `service` and `function_name`, the documents Powertools' Metrics writes.
 * Spec: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */

interface MetricDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string; Unit: string }[];
}

interface Stream {
  write(chunk: string): unknown;
}

const TOOL_DIMENSIONS = [['service', 'tool']];
const TOOL_METRICS = [
  { Name: 'ToolCalls', Unit: 'Count' },
  { Name: 'ToolErrors', Unit: 'Count' },
  { Name: 'ToolLatency', Unit: 'Milliseconds' },
];

export class EmfWriter {
  /** The process unless given: its stdout is read when a document is written, not before. */
  readonly #streams: { stdout: Stream };
  readonly #namespace: string;
  readonly #service: string;
  /**
   * A tool call's document is the same but for the timestamp, the tool and three numbers: everything else
   * (the directive, the service) is serialised once, here, and the rest spliced in per call.
   */
  readonly #bufferedMiddle: string;
  readonly #streamedMiddle: string;
  /** Tool names are the server's own (unregistered ones are not measured): each scrubbed and serialised once. */
  readonly #tools = new Map<string, string>();

  constructor(namespace: string, service: string, streams: { stdout: Stream } = process) {
    this.#streams = streams;
    this.#namespace = namespace;
    this.#service = scrubSecrets(service);
    const middle = (directives: MetricDirective[]) => `,"CloudWatchMetrics":${JSON.stringify(directives)}},"service":${JSON.stringify(this.#service)},"tool":`;
    this.#bufferedMiddle = middle([{ Namespace: namespace, Dimensions: TOOL_DIMENSIONS, Metrics: TOOL_METRICS }]);
    this.#streamedMiddle = middle([{ Namespace: namespace, Dimensions: TOOL_DIMENSIONS, Metrics: [...TOOL_METRICS, { Name: 'ToolStreamed', Unit: 'Count' }] }]);
  }

  /** Powertools' captureColdStartMetric: ColdStart=1 with the service and, when known, the function name. */
  coldStart(functionName: string | undefined): void {
    const name = functionName?.trim() ? scrubSecrets(functionName.trim()) : undefined;
    const directive: MetricDirective = {
      Namespace: this.#namespace,
      Dimensions: [name ? ['service', 'function_name'] : ['service']],
      Metrics: [{ Name: 'ColdStart', Unit: 'Count' }],
    };
    const doc: Record<string, unknown> = { _aws: { Timestamp: Date.now(), CloudWatchMetrics: [directive] }, service: this.#service };
    if (name) doc.function_name = name;
    doc.ColdStart = 1;
    this.#streams.stdout.write(`${JSON.stringify(doc)}\n`);
  }

  /**
   * The document (a line, newline included) for one settled call of a registered tool, for the caller to
   * write: `{"_aws":{"Timestamp":…,"CloudWatchMetrics":[…]},"service":…,"tool":…,"ToolCalls":1,
   * "ToolErrors":0|1,"ToolLatency":ms}`, and `"ToolStreamed":1` for a streamed answer (counted apart, as it
   * costs more: see the README's pricing; only then, so buffered-only servers publish what they did before).
   */
  toolCallLine(e: SettledEvent & { target: string }): string {
    let tool = this.#tools.get(e.target);
    if (tool === undefined) this.#tools.set(e.target, (tool = JSON.stringify(scrubSecrets(e.target))));
    // A JSON number is written as JavaScript writes it; a latency that is not finite (never expected) as 0.
    const latency = Number.isFinite(e.durationMs) ? e.durationMs : 0;
    const errors = isFailure(e) ? 1 : 0;
    return e.streamed
      ? `{"_aws":{"Timestamp":${Date.now()}${this.#streamedMiddle}${tool},"ToolCalls":1,"ToolErrors":${errors},"ToolLatency":${latency},"ToolStreamed":1}\n`
      : `{"_aws":{"Timestamp":${Date.now()}${this.#bufferedMiddle}${tool},"ToolCalls":1,"ToolErrors":${errors},"ToolLatency":${latency}}\n`;
  }
}
