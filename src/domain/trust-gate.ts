import { LABEL } from "./labels.js";

/**
 * The trust gate (design §5 "Trust gate"): who may send an issue to an agent working unattended.
 * Anyone who can open an issue can write its text, and on some repositories people with only
 * triage rights can label it: the loop works an issue only when a trusted person queued it and
 * nobody untrusted has changed its title or body since.
 */

/** One entry of an issue's events (`GET /issues/{n}/events`) that the gate weighs. */
export interface IssueEventFact {
  id: number;
  kind: "labeled" | "unlabeled" | "renamed" | "other";
  /** Absent for a deleted account ("ghost"). */
  actor: string | undefined;
  /** The label, for `labeled` / `unlabeled`. */
  label?: string;
  at: Date;
}

/** One edit of the issue body (GraphQL `userContentEdits`). */
export interface BodyEditFact {
  editor: string | undefined;
  editedAt: Date;
}

export interface BodyEditsFact {
  /** Who opened the issue: their entry dated at its creation is the original text. */
  author: string | undefined;
  /** Oldest first. */
  edits: BodyEditFact[];
  /** GitHub holds more edits than were read: the history cannot be checked in full. */
  truncated: boolean;
}

export interface TrustFacts {
  /** The issue's current labels. */
  labels: readonly string[];
  createdAt: Date;
  events: readonly IssueEventFact[];
  bodyEdits: BodyEditsFact;
}

/** The approval: the last time a queue label still on the issue was put on. */
export interface Approval {
  eventId: number;
  by: string | undefined;
  label: string;
  at: Date;
}

export type TrustVerdict =
  | { kind: "trusted"; approval: Approval }
  | {
      kind: "untrusted";
      cause: "no-approval" | "untrusted-approver" | "untrusted-edit";
      /** The approval to ask about again; absent when there is none. */
      approval?: Approval;
      reason: string;
    };

const QUEUE_LABELS: readonly string[] = [LABEL.ready, LABEL.unblocker];

function approvalOf(labels: readonly string[], events: readonly IssueEventFact[]): Approval | undefined {
  const on = new Set(labels.filter((label) => QUEUE_LABELS.includes(label)));
  const last = events.filter((event) => event.kind === "labeled" && on.has(event.label ?? "")).at(-1);
  return last ? { eventId: last.id, by: last.actor, label: last.label ?? "", at: last.at } : undefined;
}

/** The logins whose permission the verdict needs: the approver, and whoever edited after the approval. */
export function loginsToCheck(facts: TrustFacts): string[] {
  const approval = approvalOf(facts.labels, facts.events);
  if (!approval) return [];
  const editors = editsAfter(facts, approval).map((edit) => edit.by);
  return [...new Set([approval.by, ...editors].filter((login): login is string => login !== undefined))];
}

/**
 * The rule. GitHub's timestamps have whole seconds, so an edit in the same second as the approval
 * counts as after it (the safe side). The body's oldest entry in `userContentEdits`, by the issue's
 * author and dated when it was created, is the original text, which the approver read: not an edit.
 */
export function judgeTrust(facts: TrustFacts, isTrusted: (login: string) => boolean): TrustVerdict {
  const approval = approvalOf(facts.labels, facts.events);
  if (!approval) return { kind: "untrusted", cause: "no-approval", reason: "GitHub has no record of who queued it" };
  const trusted = (login: string | undefined) => login !== undefined && isTrusted(login);
  if (!trusted(approval.by)) {
    return {
      kind: "untrusted",
      cause: "untrusted-approver",
      approval,
      reason: `${approval.label} was put on by ${approval.by ?? "a deleted account"}, who has no write access`,
    };
  }
  if (facts.bodyEdits.truncated) {
    return {
      kind: "untrusted",
      cause: "untrusted-edit",
      approval,
      reason: "its body was edited too many times to check who edited it",
    };
  }
  const untrusted = editsAfter(facts, approval).find((edit) => !trusted(edit.by));
  if (untrusted) {
    return {
      kind: "untrusted",
      cause: "untrusted-edit",
      approval,
      reason: `its ${untrusted.what} was edited by ${untrusted.by ?? "a deleted account"}, who has no write access, after ${approval.label} was put on`,
    };
  }
  return { kind: "trusted", approval };
}

interface Edit {
  what: "title" | "body";
  by: string | undefined;
}

function editsAfter(facts: TrustFacts, approval: Approval): Edit[] {
  const since = seconds(approval.at);
  const [first] = facts.bodyEdits.edits;
  const isOriginal = (edit: BodyEditFact) =>
    edit === first &&
    seconds(edit.editedAt) === seconds(facts.createdAt) &&
    edit.editor !== undefined &&
    edit.editor.toLowerCase() === facts.bodyEdits.author?.toLowerCase();
  const renames = facts.events
    .filter((event) => event.kind === "renamed" && seconds(event.at) >= since)
    .map((event): Edit => ({ what: "title", by: event.actor }));
  const edits = facts.bodyEdits.edits
    .filter((edit) => seconds(edit.editedAt) >= since && !isOriginal(edit))
    .map((edit): Edit => ({ what: "body", by: edit.editor }));
  return [...renames, ...edits];
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** The comment asking for re-approval, posted once per approval (the marker is added by the caller). */
export function reapprovalComment(input: { agentId: string; reason: string; label: string | undefined }): string {
  const label = input.label ?? LABEL.ready;
  return [
    `🔒 ${input.agentId} will not work this issue unattended: ${input.reason}.`,
    "",
    `Someone with write access to the repository should read the issue as it is now and, if it is fine to hand to an agent, remove \`${label}\` and put it on again.`,
  ].join("\n");
}
