import type { Context } from 'aws-lambda';
import { sseStreaming } from '../../core/http/sse.ts';
import type { HttpHandler, HttpResponse } from '../../core/http/types.ts';
import { invocationStarter, processorFor, type LambdaHandlerOptions } from './lambda-handler.ts';

/**
 * The Lambda entry for response streaming: API Gateway REST with `STREAM` transfer mode (the integration
 * URI `.../2021-11-15/functions/<arn>/response-streaming-invocations`) or a function URL with
 * `RESPONSE_STREAM` invoke mode. Same events as the buffered entry; each request is answered buffered or
 * streamed as the core decides (a client that asked for progress or logs and takes SSE gets a stream).
 *
 * AWS's contract, which exists only on Lambda's Node runtimes as the global `awslambda`:
 * `awslambda.streamifyResponse(handler)` marks a handler as streaming; the handler gets a writable
 * response stream; `awslambda.HttpResponseStream.from(stream, { statusCode, headers })` writes the HTTP
 * metadata (a JSON prelude, then an 8-byte NUL delimiter) and returns the stream for the body.
 */

/** The writable Lambda hands a streaming handler (a Node Writable; only what is used here). */
export interface LambdaResponseStream {
  write(chunk: string | Uint8Array): boolean;
  end(chunk?: string | Uint8Array): void;
  once(event: 'drain' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
  readonly destroyed?: boolean;
  readonly writableEnded?: boolean;
}

export type StreamingLambdaHandler = (event: unknown, responseStream: LambdaResponseStream, context: Context) => Promise<void>;

/** The `awslambda` global's streaming half. */
export interface AwsLambdaStreaming {
  streamifyResponse(handler: StreamingLambdaHandler): unknown;
  HttpResponseStream: {
    from(stream: LambdaResponseStream, metadata: { statusCode: number; headers?: Record<string, string> }): LambdaResponseStream;
  };
}

export interface LambdaStreamingOptions extends LambdaHandlerOptions {
  /** The contract to use; default the runtime's `awslambda` global (tests pass their own). */
  awslambda?: AwsLambdaStreaming;
}

/**
 * Lambda's limit on a streamed response (200 MB, a soft limit) less room for the prelude: the core keeps
 * every answer under it, and under its own maxResponseBytes (4 MiB by default), which still binds.
 */
export const LAMBDA_STREAM_LIMIT = 200 * 1024 * 1024 - 64 * 1024;

function runtimeContract(): AwsLambdaStreaming {
  const aws = (globalThis as { awslambda?: AwsLambdaStreaming }).awslambda;
  if (!aws?.streamifyResponse || !aws.HttpResponseStream) {
    throw new TypeError(
      'The awslambda global (streamifyResponse, HttpResponseStream) is missing: the streaming entry runs only on ' +
        "AWS Lambda's Node.js runtimes. Use toLambdaHandler for buffered answers, or pass { awslambda } in tests.",
    );
  }
  return aws;
}

/** Writes chunks as they come, waiting when the stream is full; stops (false) once the client is gone. */
async function write(out: LambdaResponseStream, chunk: string, gone: () => boolean): Promise<boolean> {
  if (gone()) return false;
  if (!out.write(chunk)) await new Promise<void>((go) => (out.once('drain', () => go()), out.once('close', () => go())));
  return !gone();
}

/** `export const handler = createLambdaStreamingHandler(server)` (no observer unless given; see toLambdaStreamingHandler). */
export function createLambdaStreamingHandler(server: HttpHandler, options: LambdaStreamingOptions = {}): unknown {
  const aws = options.awslambda ?? runtimeContract();
  const start = invocationStarter(options.observer);
  return aws.streamifyResponse(async (event, responseStream, context) => {
    const processor = processorFor(event);
    const limits = processor.streamingLimits;
    if (!limits) throw new TypeError(`A ${processor.kind} event cannot stream (HTTP APIs have no streaming integration): use toLambdaHandler`);
    const request = processor.toRequest(event, { context, options: options.deadline });
    request.throughStream(limits.bufferedMs, LAMBDA_STREAM_LIMIT);
    // Once the answer starts to stream, the deadline is the streamed limit.
    request.streaming = sseStreaming({ maxBytes: LAMBDA_STREAM_LIMIT, onOpen: () => request.extendTo(limits.streamedMs) });
    const invocation = start(processor, event, context, request);
    const started = performance.now();
    let closed = false;
    const gone = () => closed || responseStream.destroyed === true;
    // A client that goes away (API Gateway drops the connection) stops the tool through ctx.signal.
    const onGone = () => {
      if (!responseStream.writableEnded) request.abort(new Error('client disconnected'));
      closed = true;
    };
    responseStream.once('close', onGone);
    responseStream.once('error', onGone);
    let response: HttpResponse | undefined;
    try {
      response = await server.handle(request);
      const out = aws.HttpResponseStream.from(responseStream, { statusCode: response.status, headers: response.headers });
      if (!response.stream) {
        out.end(response.body);
        return;
      }
      for await (const chunk of response.stream) {
        if (!(await write(out, chunk, gone))) break;
      }
      if (!gone()) out.end();
    } finally {
      request.clear();
      invocation?.end({ status: response?.status ?? 500, durationMs: performance.now() - started });
    }
  });
}
