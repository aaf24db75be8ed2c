import type { PlannedWrite } from "../../core/planned-write.js";
import type { Output } from "../output.js";

/** A planned write in words, as `--dry-run` prints it and `--json` adds it (`description`). */
export function describeWrite(write: PlannedWrite): string {
  switch (write.system) {
    case "github":
      return `GitHub: ${describeGitHubWrite(write)}`;
    case "git":
      return `git: ${describeGitWrite(write)}`;
    case "local":
      return write.action === "run"
        ? `run: ${write.command.join(" ")} (${write.purpose === "verify" ? "must pass" : "the agent, in the worktree"})`
        : `file: ${write.change} ${write.path}`;
  }
}

/** The writes as a list, then the reassurance that none was made. */
export function renderWrites(writes: readonly PlannedWrite[], out: Output): void {
  for (const write of writes) out.line(`  • ${describeWrite(write)}`);
  out.line(out.color.dim("   Nothing was written."));
}

function describeGitHubWrite(write: Extract<PlannedWrite, { system: "github" }>): string {
  switch (write.action) {
    case "create-lease-commit":
      return `create a lease commit (${write.agent}, ${write.login})`;
    case "create-ref":
      return `create ref ${write.ref}${write.candidates > 1 ? ` (if another agent wins it, try the next of ${write.candidates} candidates)` : ""}`;
    case "set-marks":
      return `set #${write.issue} labels to [${write.labels.join(", ")}] and assignees to [${write.assignees.join(", ")}]`;
    case "set-labels":
      return labelChange(`#${write.issue}`, write.add, write.remove);
    case "open-pull-request":
      return `open a ${write.draft ? "draft " : ""}pull request "${write.title}" ${write.head} → ${write.base}, body closing #${write.closes}`;
    case "reuse-pull-request":
      return `reuse the open pull request #${write.number}`;
    case "label-pull-request":
      return labelChange(
        write.number === null ? "the pull request" : `the pull request #${write.number}`,
        write.add,
        [],
      );
    case "delete-ref":
      return `delete ref ${write.ref}`;
    case "create-comment":
      return `comment on #${write.number}: what this rework round changed, for which reason`;
    case "request-reviewers":
      return `ask ${write.reviewers.map((login) => `@${login}`).join(", ")} to review #${write.number} again`;
    case "create-label":
      return `create label ${write.name} (${write.color})`;
    case "update-label":
      return `update label ${write.currentName} (${write.changes.join(", ")})`;
  }
}

function describeGitWrite(write: Extract<PlannedWrite, { system: "git" }>): string {
  switch (write.action) {
    case "fetch":
      return `fetch ${write.remote} ${write.branch}`;
    case "create-branch":
      return `checkout -b ${write.branch} ${write.startPoint}`;
    case "add-worktree":
      return `worktree add ${write.path} -b ${write.branch} ${write.startPoint}`;
    case "push":
      return `push ${write.remote} ${write.branch}${write.commits === null ? "" : ` (${write.commits} commit${write.commits === 1 ? "" : "s"})`}`;
    case "checkout":
      return `checkout ${write.branch}`;
    case "update-branch":
      return `bring ${write.branch} level with ${write.upstream} (fast-forward, or local commits rebased onto it)`;
    case "merge":
      return `merge ${write.upstream} into ${write.branch} (a conflict is left for you to resolve)`;
    case "delete-branch":
      return `branch -D ${write.branch}`;
  }
}

/** "label #4 route:review, remove agent001"; "remove agent001 from #4" when nothing is added. */
function labelChange(target: string, add: readonly string[], remove: readonly string[]): string {
  if (add.length === 0) return `remove ${remove.join(", ")} from ${target}`;
  return `label ${target} ${add.join(", ")}${remove.length > 0 ? `, remove ${remove.join(", ")}` : ""}`;
}
