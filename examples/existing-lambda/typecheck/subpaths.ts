// Not shipped: a consumer's use of every public subpath, type-checked by check.mjs with strict and
// exactOptionalPropertyTypes under moduleResolution node16, nodenext and bundler. Nothing runs this file.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { createHandler, definePrompt, defineTool, ToolError, type HandlerOptions, type ToolContext } from "@serverless-mcp/handler-kit";
import { toLambdaHandler } from "@serverless-mcp/handler-kit/aws-lambda";
import { createLambdaHandler } from "@serverless-mcp/handler-kit/aws-lambda/minimal";
import { powertoolsObserver } from "@serverless-mcp/handler-kit/aws-lambda/powertools";
import { toFetchHandler } from "@serverless-mcp/handler-kit/fetch";
import { serve } from "@serverless-mcp/handler-kit/node";
import { connect } from "@serverless-mcp/handler-kit/testing";
import * as z from "zod";
import * as zm from "zod/mini";

const lookup = defineTool({
  name: "lookup",
  description: "Looks a word up",
  input: z.object({ word: z.string(), lang: z.enum(["en", "fr"]).optional() }),
  output: z.object({ word: z.string(), found: z.boolean() }),
  handler: ({ word, lang }, ctx: ToolContext) => {
    if (word === "") throw new ToolError("empty word");
    ctx.log.info("lookup", { lang: lang ?? "en" });
    return { word, found: true };
  },
});

// The same kind of tool with zod/mini schemas, a mini prompt and a mini elicitation form.
const lookupMini = defineTool({
  name: "lookup_mini",
  description: "Looks a word up",
  input: zm.object({ word: zm.string(), lang: zm.optional(zm.enum(["en", "fr"])) }),
  output: zm.object({ word: zm.string(), found: zm.boolean() }),
  handler: async ({ word, lang }, ctx: ToolContext) => {
    const answer = await ctx.elicit("confirm", { message: `Look up ${word}?`, schema: zm.object({ ok: zm.boolean() }) });
    const confirmed: boolean = answer.action === "accept" && answer.content.ok;
    ctx.log.info("lookup", { lang: lang ?? "en", confirmed });
    return { word, found: confirmed };
  },
});
const explain = definePrompt({
  name: "explain",
  arguments: zm.object({ word: zm.string().check(zm.describe("The word")), level: zm.optional(zm.enum(["easy", "hard"])) }),
  get: ({ word, level }) => `Explain ${word}${level ? ` (${level})` : ""}`,
});

const options: HandlerOptions = { name: "typecheck", version: "1.0.0", tools: [lookup, lookupMini], prompts: [explain], auth: { scopePrefix: "https://x.example/" } };
const server = createHandler(options);

export const handler = toLambdaHandler(server);
export const answer = (event: Parameters<typeof handler>[0], context: Parameters<typeof handler>[1]): Promise<unknown> => handler(event, context);
export const minimal = createLambdaHandler(server);
export const withPowertools = toLambdaHandler(server, { observer: powertoolsObserver({ namespace: "Typecheck" }) });
export const fetchHandler: (request: Request) => Promise<Response> = toFetchHandler(server);

export async function local(): Promise<void> {
  const running = await serve(server, { port: 0 });
  const client: Client = await connect(server);
  const result = await client.callTool({ name: "lookup", arguments: { word: "hi" } });
  console.log(result.structuredContent, running.url);
  await client.close();
  await running.close();
}
