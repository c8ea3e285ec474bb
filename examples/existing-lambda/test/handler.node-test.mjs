// Tests the bundle this package ships (dist/index.mjs, from `node build.mjs`), the way Lambda calls it:
// `handler(event, context)` with an API Gateway REST (payload 1.0) event. Plain node:test, no test framework.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";

const PROTOCOL = "2025-11-25";

// AWS-published REST event (see README): only the body and the headers an MCP client sends are replaced.
const published = JSON.parse(readFileSync(new URL("./events/apigw-rest-no-auth.json", import.meta.url), "utf8"));

function restEvent(message, extraHeaders = {}) {
  const clientHeaders = { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...extraHeaders };
  const multi = Object.fromEntries(Object.entries(clientHeaders).map(([name, value]) => [name, [value]]));
  return {
    ...published,
    httpMethod: "POST",
    headers: { ...published.headers, ...clientHeaders },
    multiValueHeaders: { ...published.multiValueHeaders, ...multi },
    body: JSON.stringify(message),
    isBase64Encoded: false,
  };
}

const context = {
  functionName: "team-directory",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:team-directory",
  memoryLimitInMB: "512",
  awsRequestId: "6f5c3bd2-1f0e-4c43-9d55-0c1e6b1f7a01",
  logGroupName: "/aws/lambda/team-directory",
  logStreamName: "2024/06/17/[$LATEST]0123456789abcdef",
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
};

// The default observability writes its log lines and EMF metrics to stdout; keep them (to check them)
// and out of the test runner's own stdout stream. Everything else passes through untouched.
const logLines = [];
const realWrite = process.stdout.write;

let handler;
before(async () => {
  process.stdout.write = function (chunk, ...rest) {
    if (typeof chunk === "string" && chunk.startsWith("{")) {
      logLines.push(...chunk.split("\n").filter(Boolean).map((line) => JSON.parse(line)));
      const done = rest.find((arg) => typeof arg === "function");
      if (done) done();
      return true;
    }
    return realWrite.call(this, chunk, ...rest);
  };
  ({ handler } = await import("../dist/index.mjs"));
});
after(() => {
  process.stdout.write = realWrite;
});

let nextId = 1;
async function rpc(method, params, headers = { "MCP-Protocol-Version": PROTOCOL }) {
  const id = nextId++;
  const response = await handler(restEvent({ jsonrpc: "2.0", id, method, ...(params ? { params } : {}) }, headers), context);
  assert.equal(response.statusCode, 200, `${method}: ${response.body}`);
  assert.equal(response.headers["content-type"], "application/json");
  const body = JSON.parse(response.body);
  assert.equal(body.jsonrpc, "2.0");
  assert.equal(body.id, id);
  assert.equal(body.error, undefined, `${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

test("the bundle exports a Lambda handler", () => {
  assert.equal(typeof handler, "function");
});

test("initialize", async () => {
  const result = await rpc(
    "initialize",
    { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: "node-test", version: "1.0.0" } },
    {},
  );
  assert.equal(result.protocolVersion, PROTOCOL);
  assert.deepEqual(result.serverInfo, { name: "team-directory", version: "3.2.0" });
  assert.ok(result.capabilities.tools, "announces tools");
  assert.match(result.instructions, /search_people/);
});

test("notifications/initialized is accepted with 202 and no body", async () => {
  const response = await handler(
    restEvent({ jsonrpc: "2.0", method: "notifications/initialized" }, { "MCP-Protocol-Version": PROTOCOL }),
    context,
  );
  assert.equal(response.statusCode, 202);
  assert.equal(response.body, "");
});

test("tools/list", async () => {
  const { tools } = await rpc("tools/list");
  assert.deepEqual(tools.map((t) => t.name).sort(), ["get_person", "search_people"]);
  const getPerson = tools.find((t) => t.name === "get_person");
  assert.deepEqual(getPerson.inputSchema.required, ["username"]);
  assert.equal(getPerson.inputSchema.properties.username.type, "string");
  assert.deepEqual(getPerson.outputSchema.required, ["person", "reports"]);
  assert.equal(getPerson.annotations.readOnlyHint, true);
  const search = tools.find((t) => t.name === "search_people");
  assert.match(search.description, /mobile, payments, platform/);
});

test("tools/call get_person", async () => {
  const result = await rpc("tools/call", { name: "get_person", arguments: { username: "Dana" } });
  assert.notEqual(result.isError, true);
  assert.equal(result.structuredContent.person.name, "Dana Levi");
  assert.equal(result.structuredContent.person.team, "platform");
  assert.deepEqual(result.structuredContent.reports, ["chen", "emil"]);
  assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
});

test("tools/call search_people", async () => {
  const result = await rpc("tools/call", { name: "search_people", arguments: { query: "terraform" } });
  assert.deepEqual(result.structuredContent, {
    count: 1,
    people: [{ username: "chen", name: "Chen Wei", team: "platform", role: "Site reliability engineer" }],
  });
});

test("an unknown username is a tool error the model can read", async () => {
  const result = await rpc("tools/call", { name: "get_person", arguments: { username: "zed" } });
  assert.equal(result.isError, true);
  assert.match(result.content[0].text, /No one with username "zed"/);
});

test("invalid arguments are rejected before the tool runs", async () => {
  const result = await rpc("tools/call", { name: "get_person", arguments: {} });
  assert.equal(result.isError, true);
});

test("a GET on the old route is answered 405, not served", async () => {
  const response = await handler({ ...published, httpMethod: "GET" }, context);
  assert.equal(response.statusCode, 405);
  assert.equal(response.headers.allow, "POST");
});

test("the default observability wrote one Powertools-shaped log line per request and EMF metrics per tool call", () => {
  const requests = logLines.filter((line) => line.message === "mcp request");
  assert.ok(requests.length >= 7, `expected a log line per request, got ${requests.length}`);
  const call = requests.find((line) => line.method === "tools/call" && line.tool === "get_person");
  assert.equal(call.level, "INFO");
  assert.equal(call.service, "team-directory");
  assert.equal(call.function_name, context.functionName);
  assert.equal(call.function_request_id, context.awsRequestId);
  assert.equal(new Date(call.timestamp).toISOString(), call.timestamp);
  assert.equal(call.event, "rest-v1");
  assert.equal(call.apiRequestId, published.requestContext.requestId);
  const metrics = logLines.filter((line) => line._aws && line.tool === "search_people");
  assert.equal(metrics.length, 1);
  assert.equal(metrics[0].ToolCalls, 1);
  assert.equal(metrics[0].ToolErrors, 0);
  assert.deepEqual(metrics[0]._aws.CloudWatchMetrics[0].Dimensions, [["service", "tool"]]);
  assert.equal(typeof metrics[0]._aws.Timestamp, "number");
});
