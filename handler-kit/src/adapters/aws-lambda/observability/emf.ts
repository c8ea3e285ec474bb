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
  /** The directives are the same on every call: built once, shared by every document. */
  readonly #buffered: MetricDirective[];
  readonly #streamed: MetricDirective[];
  /** Tool names are the server's own (unregistered ones are not measured): each scrubbed once. */
  readonly #tools = new Map<string, string>();

  constructor(namespace: string, service: string, streams: { stdout: Stream } = process) {
    this.#streams = streams;
    this.#namespace = namespace;
    this.#service = scrubSecrets(service);
    this.#buffered = [{ Namespace: namespace, Dimensions: TOOL_DIMENSIONS, Metrics: TOOL_METRICS }];
    this.#streamed = [{ Namespace: namespace, Dimensions: TOOL_DIMENSIONS, Metrics: [...TOOL_METRICS, { Name: 'ToolStreamed', Unit: 'Count' }] }];
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

  /** The document (a line, newline included) for one settled call of a registered tool, for the caller to write. */
  toolCallLine(e: SettledEvent & { target: string }): string {
    let tool = this.#tools.get(e.target);
    if (tool === undefined) this.#tools.set(e.target, (tool = scrubSecrets(e.target)));
    const doc: Record<string, unknown> = {
      _aws: { Timestamp: Date.now(), CloudWatchMetrics: e.streamed ? this.#streamed : this.#buffered },
      service: this.#service,
      tool,
      ToolCalls: 1,
      ToolErrors: isFailure(e) ? 1 : 0,
      ToolLatency: e.durationMs,
    };
    // Streamed calls cost more (see the README's pricing): counted apart so they can be watched. Only when
    // there is one, so buffered-only servers publish exactly what they did before.
    if (e.streamed) doc.ToolStreamed = 1;
    return `${JSON.stringify(doc)}\n`;
  }
}
