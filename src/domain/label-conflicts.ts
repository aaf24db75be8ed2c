import type { Issue } from "./issue.js";
import { LABEL, isAgentLabel } from "./labels.js";

/** Label combinations that cannot both be true of one issue (what `status --check` fails on). */
export function labelConflictsOf(issue: Pick<Issue, "labels">): string[] {
  const agents = issue.labels.filter(isAgentLabel);
  const has = (label: string) => issue.labels.includes(label);
  const conflicts: string[] = [];
  if (agents.length > 1) conflicts.push(`claimed by several agents at once (${agents.join(", ")})`);
  if (agents.length > 0 && has(LABEL.ready))
    conflicts.push(`claimed by ${agents.join(", ")} but still labelled ${LABEL.ready}`);
  if (agents.length > 0 && has(LABEL.review)) conflicts.push(`in review but still claimed by ${agents.join(", ")}`);
  if (has(LABEL.review) && has(LABEL.ready)) conflicts.push(`labelled both ${LABEL.review} and ${LABEL.ready}`);
  return conflicts;
}
