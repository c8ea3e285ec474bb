// The kit with no build step at all: plain `node` loads the installed package's JavaScript (dist/) and
// serves a server written in plain JavaScript through every runtime entry, and the testing helper drives
// it with the official client. Run by check.mjs without any export condition of the kit's repository.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createHandler, defineTool, ToolError } from "@serverless-mcp/handler-kit";
import { toLambdaHandler } from "@serverless-mcp/handler-kit/aws-lambda";
import { createLambdaHandler } from "@serverless-mcp/handler-kit/aws-lambda/minimal";
import { toFetchHandler } from "@serverless-mcp/handler-kit/fetch";
import { serve } from "@serverless-mcp/handler-kit/node";
import { connect } from "@serverless-mcp/handler-kit/testing";
import * as z from "zod";

const whois = defineTool({
  name: "whois",
  description: "Who has this username",
  input: z.object({ username: z.string() }),
  output: z.object({ name: z.string() }),
  handler: ({ username }) => {
    if (username !== "ada") throw new ToolError(`no one called ${username}`);
    return { name: "Ada Lovelace" };
  },
});
const server = createHandler({ name: "no-build", version: "1.0.0", tools: [whois], logger: { debug() {}, info() {}, warn() {}, error() {}, child() { return this; } } });

const rpc = (id, method, params = {}) => JSON.stringify({ jsonrpc: "2.0", id, method, params });
const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };

test("every subpath resolves to the built JavaScript in dist/, not to TypeScript sources", () => {
  for (const subpath of ["", "/aws-lambda", "/aws-lambda/minimal", "/aws-lambda/powertools", "/fetch", "/node", "/testing"]) {
    assert.match(import.meta.resolve(`@serverless-mcp/handler-kit${subpath}`), /\/node_modules\/@serverless-mcp\/handler-kit\/dist\/.+\.js$/);
  }
});

test("only the Powertools subpath needs Powertools, which is not installed here: it says what is missing", async () => {
  await assert.rejects(import("@serverless-mcp/handler-kit/aws-lambda/powertools"), (error) => {
    assert.equal(error.code, "ERR_MODULE_NOT_FOUND");
    assert.match(error.message, /@aws-lambda-powertools\/(logger|metrics)/);
    return true;
  });
});

test("the Lambda entries answer an API Gateway REST event", async () => {
  const event = { httpMethod: "POST", path: "/mcp", resource: "/mcp", headers, multiValueHeaders: {}, body: rpc(1, "tools/call", { name: "whois", arguments: { username: "ada" } }), isBase64Encoded: false, requestContext: { requestId: "r1", stage: "prod" } };
  const context = { functionName: "no-build", awsRequestId: "a1", getRemainingTimeInMillis: () => 10_000 };
  for (const handler of [createLambdaHandler(server), toLambdaHandler(server, { observability: false })]) {
    const response = await handler(event, context);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(JSON.parse(response.body).result.structuredContent, { name: "Ada Lovelace" });
  }
});

test("the Fetch entry and the Node server answer over Request/Response and loopback HTTP", async () => {
  const viaFetch = await toFetchHandler(server)(new Request("http://local.test/mcp", { method: "POST", headers, body: rpc(2, "tools/list") }));
  assert.equal(viaFetch.status, 200);
  assert.equal((await viaFetch.json()).result.tools[0].name, "whois");
  const running = await serve(server, { port: 0, host: "127.0.0.1" });
  try {
    const overHttp = await fetch(running.url, { method: "POST", headers, body: rpc(3, "tools/call", { name: "whois", arguments: { username: "bob" } }) });
    const { result } = await overHttp.json();
    assert.equal(result.isError, true);
    assert.match(result.content[0].text, /no one called bob/);
  } finally {
    await running.close();
  }
});

test("the testing helper connects the official client in-process", async () => {
  const client = await connect(server);
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name), ["whois"]);
  const result = await client.callTool({ name: "whois", arguments: { username: "ada" } });
  assert.deepEqual(result.structuredContent, { name: "Ada Lovelace" });
  await client.close();
});
