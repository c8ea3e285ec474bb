#!/usr/bin/env node
// Proves the kit can go into a Lambda someone already has, from a clean state and outside the workspace,
// in each of the three ways a user consumes the package:
//   1. `npm pack` handler-kit into a temporary directory (its prepack builds dist/: JavaScript, .d.ts,
//      declaration maps) and check the tarball has every export's `types` and `default` file;
//   2. copy this package beside it (same relative layout, so its `file:` dependency resolves unchanged)
//      and `npm install` there: the kit arrives from the tarball, never from the workspace's node_modules;
//   3. bundle: the package's own build (esbuild) and its own tests (node --test) against the bundle;
//   4. no build step: plain `node --test` on a JavaScript file importing every subpath from dist/;
//   5. types: the consumer's `tsc` (strict, exactOptionalPropertyTypes) under moduleResolution node16,
//      nodenext (there without skipLibCheck, so the kit's .d.ts are checked too) and bundler (one `tsc -b`
//      over the three configs).
// Exits non-zero on any failure. Outside the temporary directory it writes only handler-kit/dist/ (ignored).
//
//   node examples/existing-lambda/check.mjs [--keep]     (--keep: leave the temporary directory)
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const KIT_DIR = join(ROOT, "handler-kit");
const KIT_NAME = "@serverless-mcp/handler-kit";
const keep = process.argv.includes("--keep");
const started = performance.now();

const seconds = (from) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[existing-lambda] ${message}`);

class CheckFailed extends Error {}
function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

// npm variables inherited from a surrounding `npm run`/`npx` would point the nested npm at the
// workspace (prefix, workspaces, the root package); the registry, cache and user config are kept.
// The repository's NODE_OPTIONS carry `--conditions=@serverless-mcp/source` (kit imports resolve to its
// TypeScript sources); a consumer has no such condition, so the copy must run without it.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_(package_|lifecycle_|config_(prefix|local_prefix|global_prefix|workspaces?|include_workspace_root)$)/i.test(key),
  ),
);
if (childEnv.NODE_OPTIONS) {
  childEnv.NODE_OPTIONS = childEnv.NODE_OPTIONS.split(/\s+/).filter((o) => o && !o.startsWith("--conditions=@serverless-mcp/")).join(" ");
  if (!childEnv.NODE_OPTIONS) delete childEnv.NODE_OPTIONS;
}

/** Runs a command, echoing its output; returns its stdout. Throws when it fails. */
function run(command, args, cwd, { quiet = false } = {}) {
  const t = performance.now();
  say(`$ ${[command, ...args].join(" ")}    (in ${cwd})`);
  const result = spawnSync(command, args, { cwd, env: childEnv, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if ((!quiet || result.status !== 0) && result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.error) throw new CheckFailed(`${command} could not run: ${result.error.message}`);
  check(result.status === 0, `${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
  say(`  done in ${seconds(t)}`);
  return result.stdout;
}

/** Like run(), without waiting: resolves with the exit status and output (tsc prints its errors on stdout). */
function runAsync(command, args, cwd) {
  say(`$ ${[command, ...args].join(" ")}    (in ${cwd})`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) => resolve({ status: -1, stdout, stderr: String(error) }));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The packed package's report from `npm pack --json`, whatever npm prints before it (the prepack build's
 * own line): npm 11 reports an array of packages, npm 12 an object keyed by package name.
 */
function packedReport(stdout) {
  const start = stdout.search(/^[[{]/m);
  check(start >= 0, `npm pack --json printed no JSON:\n${stdout}`);
  const report = JSON.parse(stdout.slice(start));
  const first = Array.isArray(report) ? report[0] : Object.values(report)[0];
  check(first && typeof first.filename === "string", `npm pack --json reported no package:\n${stdout}`);
  return first;
}

const isInside = (dir, path) => path === dir || path.startsWith(dir + sep);

/** Every subpath the kit exports points at a `types` and a `default` file that is in the tarball. */
function checkTarballExports(files) {
  const manifest = JSON.parse(readFileSync(join(KIT_DIR, "package.json"), "utf8"));
  // The subpaths users are told about, and any other the exports map has (./manifest, ./auth, ...).
  const documented = [".", "./node", "./fetch", "./aws-lambda", "./aws-lambda/minimal", "./aws-lambda/powertools", "./testing", "./doctor"];
  const exported = Object.keys(manifest.exports ?? {}).filter((subpath) => typeof manifest.exports[subpath] === "object");
  for (const subpath of new Set([...documented, ...exported])) {
    const target = manifest.exports?.[subpath];
    check(target && typeof target === "object", `the kit exports no ${subpath}`);
    for (const condition of ["types", "default"]) {
      const file = target[condition]?.replace(/^\.\//, "");
      check(file?.startsWith("dist/") && files.has(file), `${subpath} ${condition}: ${target[condition]} is not in the tarball`);
    }
    check(files.has(target.types.replace(/^\.\//, "") + ".map"), `${subpath}: no declaration map in the tarball`);
  }
  for (const [name, bin] of Object.entries(manifest.bin ?? {})) check(files.has(bin.replace(/^\.\//, "")), `bin ${name}: ${bin} is not in the tarball`);
  check(manifest.sideEffects === false, "the kit does not declare sideEffects: false");
  check(files.has("src/index.ts") && files.has("dist/index.js.map"), "the tarball lacks the sources its source maps point at");
  say(`tarball: every export has types + default in dist/, with declaration maps and src/ for source maps`);
}

/** `node --test` one file in the copy; returns how many tests passed (at least one, none failed). */
function nodeTest(app, file) {
  const tap = run(process.execPath, ["--test", "--test-reporter=tap", file], app);
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, "m"))?.[1] ?? NaN);
  check(count("pass") > 0, `node --test ${file} reported no passing test`);
  check(count("fail") === 0, `node --test ${file} reported ${count("fail")} failures`);
  return count("pass");
}

const work = realpathSync(mkdtempSync(join(tmpdir(), "existing-lambda-")));
let ok = false;
try {
  const pkg = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8"));
  const spec = pkg.dependencies?.[KIT_NAME];
  check(typeof spec === "string" && spec.startsWith("file:") && spec.endsWith(".tgz"), `package.json must depend on ${KIT_NAME} as a file: tarball, found ${spec}`);

  // The copy keeps its place relative to the repository root, so `file:../../<dir>/<tarball>` means the
  // same thing in the copy as in the repository.
  const app = join(work, relative(ROOT, HERE));
  const tarball = resolve(app, spec.slice("file:".length));
  check(isInside(work, tarball), `the tarball path ${spec} leaves the copied tree`);

  // 1. Pack the kit.
  mkdirSync(dirname(tarball), { recursive: true });
  const packed = packedReport(run("npm", ["pack", KIT_DIR, "--pack-destination", dirname(tarball), "--json"], ROOT, { quiet: true }));
  const filename = packed.filename;
  check(filename === basename(tarball), `npm pack wrote ${filename} but package.json expects ${basename(tarball)} (kit version changed? update the dependency)`);
  say(`packed ${packed.name}@${packed.version}: ${packed.entryCount} files, ${packed.size} bytes`);
  checkTarballExports(new Set(packed.files.map((f) => f.path)));

  // 2. A clean copy of this package (no node_modules or dist it may have locally), then install.
  cpSync(HERE, app, {
    recursive: true,
    filter: (source) => !["node_modules", "dist"].includes(relative(HERE, source).split(sep)[0]),
  });
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], app);

  const installed = join(app, "node_modules", ...KIT_NAME.split("/"));
  const link = lstatSync(installed);
  check(!link.isSymbolicLink(), `${installed} is a symlink: the kit did not come from the tarball`);
  check(link.isDirectory(), `${installed} is not a directory`);
  check(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).version === packed.version, "installed kit version differs from the packed one");
  for (const dep of [KIT_NAME, "zod", "esbuild", "typescript"]) {
    const where = realpathSync(join(app, "node_modules", ...dep.split("/")));
    check(isInside(app, where), `${dep} resolves outside the copy: ${where}`);
  }
  say(`installed ${KIT_NAME} is a real directory from the tarball: ${relative(work, installed)}`);
  // Powertools is an optional peer of the kit: npm must not have installed it, and nothing below needs it.
  for (const peer of ["@aws-lambda-powertools/logger", "@aws-lambda-powertools/metrics"]) {
    check(!existsSync(join(app, "node_modules", ...peer.split("/"))), `${peer} was installed: the kit should need it only for aws-lambda/powertools`);
  }
  say("Powertools not installed (an optional peer dependency): the default observability does without it");

  // The doctor's command, as npm installed it from the tarball, runs from dist/: against a closed
  // loopback port it reports the endpoint unreachable and exits 1.
  const closed = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const doctor = spawnSync(join(app, "node_modules", ".bin", "serverless-mcp-doctor"), [`http://127.0.0.1:${closed}/mcp`, "--timeout", "2000"], { cwd: app, env: childEnv, encoding: "utf8" });
  check(doctor.status === 1 && /FAIL\s+endpoint: reachable\s+POST \S+: ECONNREFUSED/.test(doctor.stdout), `serverless-mcp-doctor exited ${doctor.status}: ${doctor.stdout}${doctor.stderr}`);
  say("bin serverless-mcp-doctor runs from the installed dist/ (unreachable endpoint reported, exit 1)");

  // 3. The package's own build and its own tests, with the Node running this script.
  run(process.execPath, ["build.mjs"], app);
  const bundle = join(app, "dist", "index.mjs");
  check(existsSync(bundle), "build.mjs wrote no dist/index.mjs");
  const code = readFileSync(bundle, "utf8");
  check(!code.includes(ROOT), "the bundle mentions the repository path");
  say(`bundle dist/index.mjs: ${statSync(bundle).size} bytes`);

  const bundled = nodeTest(app, "test/handler.node-test.mjs");
  say(`consumed as a bundle: ${bundled} tests passed against dist/index.mjs`);

  // No build step: plain node runs a JavaScript file importing the installed package's dist/.
  const plain = nodeTest(app, "test/no-build.node-test.mjs");
  say(`consumed by plain node, no build step: ${plain} tests passed`);

  // Types: the consumer's tsc, under each module resolution a TypeScript project uses. One `tsc -b` over
  // the three configs: its build mode parses each declaration file once for all three programs (zod's,
  // Node's, the kit's; about 6 of 24 CPU seconds when they ran as three tsc processes), and checks each
  // program as `tsc -p` would. --verbose heads each program's output with "Building project '<config>'".
  const tsc = join(app, "node_modules", "typescript", "bin", "tsc");
  const resolutions = ["node16", "nodenext", "bundler"];
  const configs = resolutions.map((resolution) => `typecheck/tsconfig.${resolution}.json`);
  const t = performance.now();
  const build = await runAsync(process.execPath, [tsc, "-b", ...configs, "--force", "--verbose", "--listFiles"], app);
  const sections = new Map();
  let current;
  for (const line of build.stdout.split("\n")) {
    const heading = line.match(/Building project '([^']+)'/);
    if (heading) current = resolutions.find((resolution) => heading[1].endsWith(`/tsconfig.${resolution}.json`));
    else if (current) sections.set(current, `${sections.get(current) ?? ""}${line}\n`);
  }
  for (const resolution of resolutions) {
    const stdout = sections.get(resolution) ?? "";
    const errors = stdout.split("\n").filter((line) => /error TS\d+/.test(line));
    if (errors.length) process.stdout.write(errors.join("\n") + "\n");
    check(sections.has(resolution), `tsc -b did not check typecheck/tsconfig.${resolution}.json:\n${build.stdout}${build.stderr}`);
    check(errors.length === 0, `tsc (moduleResolution ${resolution}) failed with ${errors.length} errors`);
    check(/node_modules\/@serverless-mcp\/handler-kit\/dist\/index\.d\.ts$/m.test(stdout), `tsc (${resolution}) did not read the kit's dist/index.d.ts`);
    check(!/handler-kit\/src\//.test(stdout), `tsc (${resolution}) read the kit's TypeScript sources instead of its declarations`);
    say(`consumed by tsc (strict, exactOptionalPropertyTypes, moduleResolution ${resolution}${resolution === "nodenext" ? ", skipLibCheck false" : ""}): 0 errors, kit types from dist/*.d.ts`);
  }
  if (build.status !== 0) process.stdout.write(build.stdout + build.stderr);
  check(build.status === 0, `tsc -b exited with ${build.status}`);
  say(`  tsc -b over the three configs done in ${seconds(t)}`);

  ok = true;
  say(`PASS: ${bundled + plain} tests passed, 0 failed; tsc clean under node16, nodenext and bundler; in ${seconds(started)}`);
} catch (error) {
  say(`FAIL: ${error instanceof CheckFailed ? error.message : (error?.stack ?? error)}`);
} finally {
  if (ok && !keep) rmSync(work, { recursive: true, force: true });
  else say(`left ${work} for inspection`);
}
process.exitCode = ok ? 0 : 1;
