import { Writable } from 'node:stream';
import type { Context } from 'aws-lambda';
import type { AwsLambdaStreaming, LambdaResponseStream, StreamingLambdaHandler } from '../../../src/adapters/aws-lambda/streaming-handler.ts';

/**
 * The tests' own implementation of AWS's response-streaming contract for Node, which exists only inside
 * Lambda as the `awslambda` global (LDG `configuration-response-streaming.html`, `response-streaming-
 * tutorial.html`): `streamifyResponse(handler)` marks a handler that takes `(event, responseStream,
 * context)`; `HttpResponseStream.from(stream, metadata)` sets the content type
 * `application/vnd.awslambda.http-integration-response`, writes the metadata as JSON, then 8 NUL bytes,
 * and hands back the stream for the body. Everything written is recorded with the time it arrived.
 */

export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
export const DELIMITER = Buffer.alloc(8);

export class RecordingResponseStream extends Writable {
  contentType: string | undefined;
  readonly writes: { at: number; bytes: Buffer }[] = [];
  readonly started = performance.now();
  constructor() {
    super();
  }
  setContentType(type: string): void {
    this.contentType = type;
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.writes.push({ at: performance.now() - this.started, bytes: Buffer.from(chunk) });
    done();
  }
  /** Everything written, split the way API Gateway reads it: prelude JSON, the delimiter, the body. */
  parsed(): { prelude: { statusCode: number; headers?: Record<string, string> }; delimiterFound: boolean; body: string } {
    const all = Buffer.concat(this.writes.map((w) => w.bytes));
    const at = all.indexOf(DELIMITER);
    if (at < 0) return { prelude: JSON.parse(all.toString('utf8')), delimiterFound: false, body: '' };
    return { prelude: JSON.parse(all.subarray(0, at).toString('utf8')), delimiterFound: true, body: all.subarray(at + DELIMITER.length).toString('utf8') };
  }
  /** The body's writes, as separate chunks (the prelude and delimiter writes left out). */
  bodyWrites(): { at: number; text: string }[] {
    const i = this.writes.findIndex((w) => w.bytes.equals(DELIMITER));
    return this.writes.slice(i + 1).map((w) => ({ at: w.at, text: w.bytes.toString('utf8') }));
  }
}

const STREAMING = Symbol('streaming handler');

export const fakeAwsLambda: AwsLambdaStreaming = {
  streamifyResponse(handler: StreamingLambdaHandler) {
    return Object.assign(handler, { [STREAMING]: true });
  },
  HttpResponseStream: {
    from(stream: LambdaResponseStream, metadata) {
      const s = stream as RecordingResponseStream;
      s.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
      s.write(JSON.stringify(metadata));
      s.write(DELIMITER);
      return s;
    },
  },
};

/** Invokes a streamified handler as Lambda would, resolving once it has returned and its stream ended. */
export async function invokeStreaming(handler: unknown, event: unknown, context: Context, stream = new RecordingResponseStream()) {
  if (!(handler as Record<symbol, unknown>)[STREAMING]) throw new Error('not a streamified handler');
  await (handler as StreamingLambdaHandler)(event, stream, context);
  return stream;
}
