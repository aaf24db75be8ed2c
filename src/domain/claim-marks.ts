import { LABEL, isAgentLabel } from "./labels.js";

export interface Marks {
  labels: string[];
  assignees: string[];
}

/** Labels and assignees once `agent` (as `login`) has claimed: agent label on, route:ready off. */
export function claimedMarks(current: Marks, agent: string, login: string): Marks {
  const labels = current.labels.filter((label) => label !== LABEL.ready && label !== agent);
  return {
    labels: [...labels, agent],
    assignees: current.assignees.includes(login) ? current.assignees : [...current.assignees, login],
  };
}

/** Labels and assignees once a claim is released back to the queue (reset). */
export function releasedMarks(current: Marks, login: string | undefined): Marks {
  const labels = current.labels.filter((label) => !isAgentLabel(label) && label !== LABEL.ready);
  return {
    labels: [...labels, LABEL.ready],
    assignees: current.assignees.filter((assignee) => assignee !== login),
  };
}

/** Labels once the work is delivered: agent label off, route:review on; assignees stay. */
export function deliveredLabels(current: readonly string[]): string[] {
  const labels = current.filter((label) => !isAgentLabel(label) && label !== LABEL.ready && label !== LABEL.review);
  return [...labels, LABEL.review];
}

/** Whether the marks show the claim as made (what `pop` verifies after writing them). */
export function showsClaim(marks: Marks, agent: string): boolean {
  return marks.labels.includes(agent) && !marks.labels.includes(LABEL.ready);
}

/** Marks once a claim is taken over (design §3): the previous holder's agent label and assignee off, ours on, every other kept. */
export function handedOverMarks(
  issue: Marks,
  previous: { agent: string; login: string },
  taker: { agentId: string; login: string },
): Marks {
  const labels = issue.labels.filter(
    (label) => label !== previous.agent && label !== taker.agentId && label !== LABEL.ready,
  );
  const assignees = issue.assignees.filter((login) => login !== previous.login && login !== taker.login);
  return { labels: [...labels, taker.agentId], assignees: [...assignees, taker.login] };
}
