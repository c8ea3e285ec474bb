// Lambda entry for the team directory. It used to answer `GET /people/{username}` with a hand-rolled
// API Gateway response; it now answers MCP on the same API Gateway REST resource, reusing the
// directory lookups unchanged (./directory.ts).
import { createHandler, defineTool, ToolError } from "@serverless-mcp/handler-kit";
import { toLambdaHandler } from "@serverless-mcp/handler-kit/aws-lambda";
import * as z from "zod";
import { findPerson, listTeams, reportsOf, searchPeople, type Person } from "./directory.ts";

const VERSION = "3.2.0";

const personSchema = z.object({
  username: z.string(),
  name: z.string(),
  team: z.string(),
  role: z.string(),
  timezone: z.string(),
  skills: z.array(z.string()),
  manager: z.string().optional(),
});

function summary(person: Person) {
  return { username: person.username, name: person.name, team: person.team, role: person.role };
}

const getPerson = defineTool({
  name: "get_person",
  title: "Get a person",
  description: "Look up one colleague by username: team, role, timezone, skills, manager and direct reports.",
  input: z.object({ username: z.string().min(1).describe("Directory username, e.g. amara") }),
  output: z.object({ person: personSchema, reports: z.array(z.string()) }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  handler: ({ username }) => {
    const person = findPerson(username);
    if (!person) throw new ToolError(`No one with username "${username}"; call search_people to find the right one.`);
    return { person, reports: reportsOf(person.username).map((p) => p.username) };
  },
});

const searchPeopleTool = defineTool({
  name: "search_people",
  title: "Search the directory",
  description: `Find colleagues whose name, role or skills mention a word. Teams: ${listTeams().join(", ")}.`,
  input: z.object({
    query: z.string().min(1).describe("A name, role or skill, e.g. terraform"),
    team: z.string().optional().describe("Only this team"),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  handler: ({ query, team }) => {
    const people = searchPeople(query, team).map(summary);
    return { count: people.length, people };
  },
});

export const handler = toLambdaHandler(
  createHandler({
    name: "team-directory",
    version: VERSION,
    instructions: "Use search_people to find usernames, then get_person for details.",
    tools: [getPerson, searchPeopleTool],
  }),
  { observability: { serviceName: "team-directory" } },
);
