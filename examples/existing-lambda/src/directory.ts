// Team directory: the lookups this Lambda has always done. Nothing in this file knows about MCP.

export type Person = {
  username: string;
  name: string;
  team: string;
  role: string;
  timezone: string;
  skills: string[];
  manager?: string;
};

// In production this came from a nightly HR export baked into the bundle; a handful of rows is
// enough to show the shape.
const PEOPLE: readonly Person[] = [
  { username: "amara", name: "Amara Okafor", team: "payments", role: "Engineering manager", timezone: "Europe/London", skills: ["leadership", "payments", "pci"] },
  { username: "bruno", name: "Bruno Costa", team: "payments", role: "Backend engineer", timezone: "America/Sao_Paulo", skills: ["go", "postgres", "payments"], manager: "amara" },
  { username: "chen", name: "Chen Wei", team: "platform", role: "Site reliability engineer", timezone: "Asia/Singapore", skills: ["terraform", "aws", "kubernetes"], manager: "dana" },
  { username: "dana", name: "Dana Levi", team: "platform", role: "Engineering manager", timezone: "Asia/Jerusalem", skills: ["leadership", "aws"] },
  { username: "emil", name: "Emil Nordin", team: "mobile", role: "iOS engineer", timezone: "Europe/Stockholm", skills: ["swift", "ios"], manager: "dana" },
];

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

export function listTeams(): string[] {
  return [...new Set(PEOPLE.map((p) => p.team))].sort();
}

export function findPerson(username: string): Person | undefined {
  const wanted = normalise(username);
  return PEOPLE.find((p) => p.username === wanted);
}

/** Everyone whose name, role or skills mention `query`, optionally within one team. */
export function searchPeople(query: string, team?: string): Person[] {
  const q = normalise(query);
  return PEOPLE.filter((p) => {
    if (team && p.team !== normalise(team)) return false;
    const haystack = [p.name, p.role, ...p.skills].map(normalise);
    return haystack.some((field) => field.includes(q));
  });
}

export function reportsOf(username: string): Person[] {
  return PEOPLE.filter((p) => p.manager === normalise(username));
}
