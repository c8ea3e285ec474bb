import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../../src/adapters/node/index.ts';
import { sampleServer } from '../../helpers.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A client that sends `head` and then one more byte every `everyMs`, until the server closes on it. */
function trickle(port: number, head: string, everyMs: number): Promise<{ answer: string; bytesSent: number }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (!socket.destroyed && socket.writable) {
          socket.write('x');
          sent++;
        }
      }, everyMs);
    });
    socket.on('data', (d) => (answer += d));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, bytesSent: sent });
    });
  });
}

describe('serve() defends itself against slow clients', () => {
  it('uses timeouts of seconds by default, not Node minutes', async () => {
    running = await serve(sampleServer(), { port: 0 });
    expect([running.server.headersTimeout, running.server.requestTimeout, running.server.keepAliveTimeout]).toEqual([10_000, 30_000, 5_000]);
  });

  it('cuts off 20 clients trickling their headers a byte at a time', async () => {
    running = await serve(sampleServer(), { port: 0, headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
    const port = running.port;
    const clients = await Promise.all(Array.from({ length: 20 }, () => trickle(port, 'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 100)));
    for (const c of clients) {
      expect(c.answer).toMatch(/^HTTP\/1\.1 408/);
      // Cut off within the timeout and one check interval, not after Node's 300 s.
      expect(c.bytesSent).toBeLessThan(25);
    }
  });

  it('cuts off a client trickling its body, and still serves a prompt one', async () => {
    running = await serve(sampleServer(), { port: 0, headersTimeoutMs: 300, requestTimeoutMs: 800 });
    const slow = await trickle(running.port, 'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{', 100);
    expect(slow.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(slow.bytesSent).toBeLessThan(30);
    const res = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) });
    expect(res.status).toBe(200);
  });

  it('refuses a timeout that is not a positive number', () => {
    expect(() => serve(sampleServer(), { port: 0, headersTimeoutMs: 0 })).toThrow(/headersTimeoutMs must be a positive number/);
  });
});
