import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A coding agent for tests and the demo: a small Node script that behaves as told, per issue and
 * per run. `behave(issue, ...modes)` queues what its next runs on that issue do; with nothing
 * queued it commits one file. Every run leaves `<dir>/runs/<issue>-<n>.json` (pid, env it saw).
 */
export type AgentMode =
  | "commit" // write a file and commit it, exit 0
  | "fail" // write a file, commit it, exit 3
  | "no-commit" // exit 0 having done nothing
  | "leave-uncommitted" // write a file, do not commit, exit 0
  | "hang" // print nothing and sleep for a long time
  | "commit-then-hang" // commit, then sleep for a long time (to be killed mid-run)
  | "slow-commit" // print a line every 200 ms for 4 s, then commit (a run long enough for heartbeats)
  | "leave-conflicts" // leave a merge in progress as it is, commit nothing, exit 0
  | "push-then-wait" // commit and push its branch, wait for <dir>/go-<issue>, then commit again (a holder that stalls)
  | "spend-cheap" // commit, print a Claude Code result object costing $0.10, exit 0
  | "spend-costly" // commit, print a Claude Code result object costing $0.30, then go on working (sleep)
  | "quota"; // print Claude Code's plan-limit message with a reset 3 s ahead, commit nothing, exit 1

export interface AgentRun {
  issue: number;
  run: number;
  pid: number;
  mode: AgentMode;
  env: Record<string, string | undefined>;
  /** The prompt file's text as the agent read it. */
  prompt: string;
  /** When the run started, in ms since the epoch. */
  startedAt: number;
}

export interface ScriptedAgent {
  /** argv for `[autonomous] agent_command` / `--agent-cmd`. */
  argv: string[];
  dir: string;
  behave(issue: number, ...modes: AgentMode[]): Promise<void>;
  /** The runs so far, oldest first. */
  runs(): Promise<Array<AgentRun>>;
}

const SCRIPT = String.raw`
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
const dir = process.argv[2];
const issue = process.env.MLS_ISSUE_NUMBER;
const queueFile = path.join(dir, "plan", issue);
let mode = "commit";
if (existsSync(queueFile)) {
  const [first, ...rest] = readFileSync(queueFile, "utf8").split("\n").filter(Boolean);
  if (first) mode = first;
  writeFileSync(queueFile, rest.map((line) => line + "\n").join(""));
}
mkdirSync(path.join(dir, "runs"), { recursive: true });
const run = readdirSync(path.join(dir, "runs")).filter((name) => name.startsWith(issue + "-") && name.endsWith(".json")).length + 1;
const seen = {};
for (const key of ["MLS_ISSUE_NUMBER", "MLS_ISSUE_TITLE", "MLS_ISSUE_URL", "MLS_BRANCH", "MLS_WORKTREE", "MLS_PROMPT_FILE", "MY_LITTLE_SODA_GITHUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN", "MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL"]) seen[key] = process.env[key];
// Written then renamed, so a test reading the directory never sees half a file.
const record = path.join(dir, "runs", issue + "-" + run);
const prompt = process.env.MLS_PROMPT_FILE && existsSync(process.env.MLS_PROMPT_FILE) ? readFileSync(process.env.MLS_PROMPT_FILE, "utf8") : "";
writeFileSync(record + ".tmp", JSON.stringify({ issue: Number(issue), run, pid: process.pid, mode, env: seen, cwd: process.cwd(), prompt, startedAt: Date.now() }));
renameSync(record + ".tmp", record + ".json");
const git = (...args) => execFileSync("git", args, { stdio: "ignore" });
const write = () => appendFileSync("work-" + issue + ".txt", "run " + run + " on #" + issue + "\n");
// "Forever" ends after 90 s, so a test that fails half-way leaves no process behind for long.
const sleepForever = () => setTimeout(() => process.exit(0), 90_000);
console.log("scripted agent: #" + issue + " run " + run + " mode " + mode);
// Like a real agent on a rework round, it first resolves a merge left in progress (keeping both sides).
if (mode !== "leave-conflicts" && existsSync(execFileSync("git", ["rev-parse", "--git-path", "MERGE_HEAD"], { encoding: "utf8" }).trim())) {
  const unmerged = execFileSync("git", ["diff", "--name-only", "--diff-filter=U"], { encoding: "utf8" }).split("\n").filter(Boolean);
  for (const file of unmerged) {
    // Keep both sides: drop the conflict markers, as a person resolving "both" would.
    const text = readFileSync(file, "utf8").split("\n").filter((line) => !/^(<<<<<<<|=======|>>>>>>>)/.test(line)).join("\n");
    writeFileSync(file, text);
    git("add", file);
  }
  git("commit", "-q", "--no-edit");
}
if (mode === "commit" || mode === "fail" || mode === "commit-then-hang") {
  write();
  git("add", "-A");
  git("commit", "-q", "-m", "Work on #" + issue + " (run " + run + ")");
}
if (mode === "leave-uncommitted") write();
// Claude Code's --output-format json result object: what the spend governor reads.
const claudeResult = (cost) => console.log(JSON.stringify({ type: "result", subtype: "success", is_error: false, num_turns: 3, total_cost_usd: cost, usage: { input_tokens: 1200, cache_read_input_tokens: 800, output_tokens: 300 } }));
if (mode === "spend-cheap" || mode === "spend-costly") {
  write();
  git("add", "-A");
  git("commit", "-q", "-m", "Work on #" + issue + " (run " + run + ")");
  claudeResult(mode === "spend-cheap" ? 0.1 : 0.3);
  if (mode === "spend-costly") {
    // Work it would go on doing, uncommitted: the loop must keep it (WIP) when it stops the agent.
    appendFileSync("more-" + issue + ".txt", "unfinished\n");
    sleepForever();
  }
}
if (mode === "slow-commit") {
  let ticks = 0;
  const timer = setInterval(() => {
    console.log("working… " + ++ticks);
    if (ticks < 20) return;
    clearInterval(timer);
    write();
    git("add", "-A");
    git("commit", "-q", "-m", "Work on #" + issue + " (run " + run + ", slowly)");
  }, 200);
}
if (mode === "push-then-wait") {
  write();
  git("add", "-A");
  git("commit", "-q", "-m", "Work on #" + issue + " (run " + run + ")");
  git("push", "-q", "origin", "HEAD:refs/heads/" + process.env.MLS_BRANCH);
  console.log("scripted agent: pushed " + process.env.MLS_BRANCH + "; waiting for go-" + issue);
  const go = path.join(dir, "go-" + issue);
  setInterval(() => {
    if (!existsSync(go)) return;
    appendFileSync("later-" + issue + ".txt", "later work\n");
    git("add", "-A");
    git("commit", "-q", "-m", "Later work on #" + issue + " (run " + run + ")");
    process.exit(0);
  }, 100);
  sleepForever();
}
if (mode === "quota") {
  console.log("Claude AI usage limit reached|" + Math.ceil(Date.now() / 1000 + 3));
  process.exit(1);
}
if (mode === "fail") process.exit(3);
if (mode === "hang" || mode === "commit-then-hang") sleepForever();
`;

export async function createScriptedAgent(dir: string): Promise<ScriptedAgent> {
  await mkdir(path.join(dir, "plan"), { recursive: true });
  await mkdir(path.join(dir, "runs"), { recursive: true });
  const script = path.join(dir, "agent.mjs");
  await writeFile(script, SCRIPT);
  return {
    argv: [process.execPath, script, dir],
    dir,
    async behave(issue, ...modes) {
      const file = path.join(dir, "plan", String(issue));
      const current = await readFile(file, "utf8").catch(() => "");
      await writeFile(file, current + modes.map((mode) => `${mode}\n`).join(""));
    },
    async runs() {
      const { readdir } = await import("node:fs/promises");
      const names = (await readdir(path.join(dir, "runs"))).filter((name) => name.endsWith(".json"));
      const runs = await Promise.all(
        names.map(async (name) => JSON.parse(await readFile(path.join(dir, "runs", name), "utf8"))),
      );
      return runs.sort((a, b) => a.issue - b.issue || a.run - b.run);
    },
  };
}
