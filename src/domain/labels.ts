/** The labels of design §2: the whole vocabulary the tool reads and writes on GitHub. */

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

export const LABEL = {
  ready: "route:ready",
  unblocker: "route:unblocker",
  priorityVeryHigh: "route:priority-very-high",
  priorityHigh: "route:priority-high",
  priorityMedium: "route:priority-medium",
  priorityLow: "route:priority-low",
  review: "route:review",
  readyToMerge: "route:ready_to_merge",
  humanOnly: "route:human-only",
} as const;

export const AGENT_LABEL_COLOR = "0e8a16";

export const ROUTE_LABELS: readonly LabelSpec[] = [
  { name: LABEL.ready, color: "0052cc", description: "In the queue, available to agents" },
  { name: LABEL.unblocker, color: "d73a4a", description: "Top priority; eligible even without route:ready" },
  { name: LABEL.priorityVeryHigh, color: "ee0701", description: "Priority 4 (very high)" },
  { name: LABEL.priorityHigh, color: "b60205", description: "Priority 3 (high)" },
  { name: LABEL.priorityMedium, color: "1d76db", description: "Priority 2 (medium)" },
  { name: LABEL.priorityLow, color: "c5def5", description: "Priority 1 (low)" },
  { name: LABEL.review, color: "fbca04", description: "Work delivered as a PR, waiting for review" },
  { name: LABEL.readyToMerge, color: "5319e7", description: "Approved by a person; may be landed" },
  { name: LABEL.humanOnly, color: "7057ff", description: "Never taken by an agent" },
];

const AGENT_ID = /^agent\d+$/;

/** Any label of the form `agent<digits>` marks a claim (design §2). */
export function isAgentLabel(name: string): boolean {
  return AGENT_ID.test(name);
}

export function isValidAgentId(id: string): boolean {
  return AGENT_ID.test(id);
}

export function agentLabelSpec(agentId: string): LabelSpec {
  return { name: agentId, color: AGENT_LABEL_COLOR, description: `Claimed by my-little-soda agent ${agentId}` };
}

/** Every label `init` ensures: the nine route labels and this agent's own. */
export function labelsToEnsure(agentId: string): LabelSpec[] {
  return [...ROUTE_LABELS, agentLabelSpec(agentId)];
}
