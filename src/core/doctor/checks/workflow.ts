import { readWorkflowShape } from "../../../domain/doctor/workflow-shape.js";
import { WORKFLOW_PATH } from "../../init/plan-init.js";
import { CI_WORKFLOW } from "../../init/templates.js";
import { checkOf, type DoctorCheck } from "../doctor-check.js";

const REWRITE = "fix it, or write it again with `my-little-soda init --ci --force`";

/** The Actions workflow `init --ci` writes, where there is one: readable, with a job that runs us. */
export function checkWorkflow(root: string | undefined, text: string | undefined): DoctorCheck {
  const check = checkOf("workflow", "Actions workflow");
  if (root === undefined) return check.skipped("not inside a git repository");
  if (text === undefined) return check.ok(`none (\`init --ci\` writes ${WORKFLOW_PATH})`);
  const shape = readWorkflowShape(text);
  if (shape.problems.length > 0) return check.fail(`${WORKFLOW_PATH}: ${shape.problems.join("; ")}`, REWRITE);
  const ours = shape.jobs
    .map((job) => ({ name: job.name, command: job.runs.find((run) => /\bmy-little-soda\b/.test(run)) }))
    .filter((job): job is { name: string; command: string } => job.command !== undefined);
  if (ours.length === 0) {
    return check.fail(`${WORKFLOW_PATH}: no job runs my-little-soda`, REWRITE);
  }
  const jobs = ours.map((job) => `${job.name} (${commandOf(job.command)})`).join(", ");
  const origin = text === CI_WORKFLOW ? "as `init --ci` wrote it" : "edited since `init --ci`";
  return check.ok(`${WORKFLOW_PATH}, ${origin}: ${jobs}`);
}

/** `npx --yes my-little-soda --agent … spawn --autonomous --once` → `spawn --autonomous --once`. */
function commandOf(run: string): string {
  const line = run.split("\n").find((candidate) => /\bmy-little-soda\b/.test(candidate)) ?? run;
  const after = line.slice(line.search(/\bmy-little-soda\b/) + "my-little-soda".length).trim();
  return after.replace(/^(--[a-z-]+ (?:\$\{\{[^}]*\}\}|(?!-)\S+) )+/, "");
}
