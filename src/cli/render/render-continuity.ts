import path from "node:path";
import type { ContinuityReport, LoopRecord, RestartRecord, RunRecord } from "../../autonomous/continuity-report.js";
import { describeSpend } from "../../domain/agent-spend.js";
import { formatAge } from "../../domain/format-age.js";
import type { Output } from "../output.js";
import { describeWorkKind, formatTime } from "./report-format.js";

/** How many integrity messages are shown; `--json` has them all. */
const MAX_MESSAGES = 5;

export function renderContinuity(report: ContinuityReport, out: Output, options: { root: string }): void {
  const { color } = out;
  const storePath = displayPath(report.store.path, options.root);
  if (!report.store.exists) {
    out.line("💤 No autonomous state here.");
    out.info(color.dim(`   \`spawn --autonomous\` records its checkpoints in ${storePath}.`));
    return;
  }
  if (neverRan(report)) {
    out.line(`💤 No autonomous state here for ${report.agent}.`);
    out.info(
      color.dim(`   The store ${storePath} passed its integrity check and holds no run of ${report.agent} yet.`),
    );
    return;
  }
  out.line(`🧭 Continuity of ${color.bold(report.agent)}${report.repository ? ` on ${report.repository}` : ""}`);
  renderStore(report, storePath, out);
  out.line("");
  renderCheckpoint(report, out);
  if (report.run) renderRun(report.run, out);
  if (report.loop) renderLoop(report.loop, out);
  if (report.restart) renderRestart(report.restart, report.loop?.running === true, out);
}

function renderStore(report: ContinuityReport, storePath: string, out: Output): void {
  const { color } = out;
  const schema = report.store.schemaVersion === null ? "" : color.dim(` (schema ${report.store.schemaVersion})`);
  if (report.integrity?.ok !== false) {
    out.line(`🗄️  Store ${storePath}${schema}: ${color.green("integrity check passed")}`);
  } else {
    out.line(`🗄️  Store ${storePath}${schema}: ${color.red.bold("❌ integrity check failed")}`);
    for (const message of report.integrity.messages.slice(0, MAX_MESSAGES)) out.line(`   ${color.red("•")} ${message}`);
    const more = report.integrity.messages.length - MAX_MESSAGES;
    if (more > 0) out.line(color.dim(`   … and ${more} more (--json lists them all)`));
    out.line(color.dim("   The file is left as it is. Move it aside to start with empty local state."));
  }
  for (const part of report.unreadable) out.line(`   ${color.yellow("⚠️")}  could not read ${part}`);
}

function renderCheckpoint(report: ContinuityReport, out: Output): void {
  const { color } = out;
  const checkpoint = report.checkpoint;
  if (!checkpoint) {
    const damaged = report.integrity?.ok === false || report.unreadable.length > 0;
    out.line(damaged ? "📍 No checkpoint could be read" : "📍 No checkpoint recorded yet");
    return;
  }
  const state = checkpoint.current ? color.yellow.bold(checkpoint.state) : color.bold(checkpoint.state);
  out.line(
    `📍 ${checkpoint.current ? "Current" : "Last"} checkpoint: #${checkpoint.issue}${describeWorkKind(checkpoint)} ${state}  ${color.dim(`attempt ${checkpoint.attempt}, ${formatAge(checkpoint.ageSeconds)} ago (${formatTime(checkpoint.at)})`)}`,
  );
  const head = checkpoint.head ? ` @ ${checkpoint.head.slice(0, 7)}` : "";
  out.line(
    `   🌿 ${checkpoint.branch ?? color.dim("no branch yet")}${head}${checkpoint.pr === null ? "" : `   🔀 PR #${checkpoint.pr}`}`,
  );
  if (checkpoint.spend) out.line(`   💸 agent spend: ${describeSpend(checkpoint.spend)}`);
  out.info(`   🏃 run ${checkpoint.runId}`);
  // Same-state checkpoints record facts (the agent's pid, a push); the trail shows the states.
  const states = report.checkpoints.map((step) => step.state).filter((state, index, all) => state !== all[index - 1]);
  if (states.length > 1) out.info(color.dim(`   🧵 ${states.join(" → ")}`));
}

function renderRun(run: RunRecord, out: Output): void {
  const { color } = out;
  const outcome =
    run.outcome === "running" && run.processAlive === false
      ? `${color.red("crashed")} ${color.dim(`(recorded as running, but pid ${run.pid} is gone; the next loop marks it)`)}`
      : run.outcome === "completed" || run.outcome === "running"
        ? color.green(run.outcome)
        : run.outcome === "stopped"
          ? color.yellow(run.outcome)
          : color.red(run.outcome);
  const finished = run.finishedAt ? `, finished ${formatTime(run.finishedAt)}` : "";
  out.line(`🏁 Latest run: ${outcome} — started ${formatTime(run.startedAt)}${finished}`);
  if (run.reason) out.info(color.dim(`   ${run.reason}`));
}

function renderLoop(loop: LoopRecord, out: Output): void {
  const { color } = out;
  const holder = loop.holder;
  if (!holder) {
    out.line(`🔓 Loop: not running`);
    return;
  }
  const who = `pid ${holder.pid} on ${holder.host}${holder.sameHost ? " (this host)" : ""}`;
  const heartbeat = `heartbeat ${formatAge(holder.heartbeatAgeSeconds)} ago`;
  if (loop.running) {
    out.line(`🔒 Loop: ${color.green("running")} — ${who}, since ${formatTime(holder.since)}, ${heartbeat}`);
    return;
  }
  const why = holder.processAlive === false ? "which is gone" : `${heartbeat}, stale`;
  out.line(`🔓 Loop: not running ${color.dim(`(its lock was left by ${who}, ${why})`)}`);
}

function renderRestart(restart: RestartRecord, loopRunning: boolean, out: Output): void {
  const { color } = out;
  if (!restart.predicted) {
    out.line(`🔁 ${color.yellow("What a restart would do could not be predicted")}: ${restart.reason}`);
    return;
  }
  const issue = restart.issue === null ? "" : ` #${restart.issue}${describeWorkKind(restart)}`;
  const action =
    restart.action === "resume"
      ? `resume${issue} at ${restart.at ?? "its checkpoint"}`
      : restart.action === "resync"
        ? `resync${issue} (give it up)`
        : "start fresh";
  out.line(`🔁 A restart would ${color.bold(action)} — ${restart.reason}`);
  if (loopRunning) {
    out.info(color.dim("   (a loop is running now: this is what a restart would do if it stopped)"));
  } else if (restart.agentRunning) {
    out.line(`   🤖 the agent left running by the previous loop would be stopped first; its commits are kept`);
  }
}

/** A sound store that other commands created (the HTTP cache) but no loop of this agent wrote to. */
function neverRan(report: ContinuityReport): boolean {
  return (
    report.integrity?.ok === true &&
    report.unreadable.length === 0 &&
    !report.run &&
    !report.checkpoint &&
    !report.loop?.holder
  );
}

/** Relative to the repository when inside it: shorter, and what the user would type. */
function displayPath(file: string, root: string): string {
  const relative = path.relative(root, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
