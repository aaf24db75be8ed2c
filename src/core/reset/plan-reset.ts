import { isAgentLabel } from "../../domain/labels.js";
import { releaseOf, type Release } from "../../domain/release-claim.js";
import { NothingToDoError } from "../../errors/index.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import { examineBranches, type BranchExamination } from "./examine-branches.js";
import { findClaims, type FoundClaim } from "./find-claims.js";

export interface ResetRequest {
  tracker: IssueTracker;
  /** The local checkout; undefined outside a git repository (claims are still released). */
  git: GitWorkspace | undefined;
  agentId: string;
  /** Every agent's claims, not only `agentId`'s. */
  all: boolean;
  /** Configured base branch; undefined means the repository's default branch. */
  baseBranch: string | undefined;
}

export interface ClaimRelease {
  issue: number;
  title: string;
  url: string;
  /** The agent that held the claim, when the lease or a label says. */
  agent: string | null;
  state: "open" | "closed" | "missing";
  release: Release;
  /** A claim ref exists and is to be deleted. */
  locked: boolean;
}

/** A claim found for this agent that is not its to release (another agent's lease holds the lock). */
export interface HeldElsewhere {
  issue: number;
  agent: string;
}

export interface ResetPlan {
  agentId: string;
  all: boolean;
  releases: ClaimRelease[];
  heldElsewhere: HeldElsewhere[];
  branches: BranchExamination;
}

/** Everything reset reads and decides before its first write; `--dry-run` and the confirmation stop here. */
export async function planReset(request: ResetRequest): Promise<ResetPlan> {
  const { tracker, agentId, all } = request;
  const found = await findClaims(tracker, { agentId, all });
  if (found.claims.length === 0) throw new NothingToDoError(nothingMessage(agentId, all, found.heldElsewhere));

  let viewer: Promise<string> | undefined;
  const viewerLogin = () => (viewer ??= tracker.getViewer().then((user) => user.login));
  const releases: ClaimRelease[] = [];
  for (const claim of found.claims) {
    releases.push(await planRelease(claim, request, viewerLogin));
  }

  const branches = await examineBranches(
    request.git,
    releases.map((release) => ({ issue: release.issue, agents: release.agent ? [release.agent] : found.agents })),
    async () => request.baseBranch ?? (await tracker.getRepository()).defaultBranch,
  );
  return { agentId, all, releases, heldElsewhere: found.heldElsewhere, branches };
}

async function planRelease(
  claim: FoundClaim,
  request: ResetRequest,
  viewerLogin: () => Promise<string>,
): Promise<ClaimRelease> {
  const { issue, lease } = claim;
  const labelledAgent = issue?.labels.find((label) => (request.all ? isAgentLabel(label) : label === request.agentId));
  const agent = lease?.agent ?? labelledAgent ?? null;
  // Remove only the assignee this tool added: the lease records who claimed; without a lease,
  // the authenticated user, and only when the issue shows the claim.
  const toolLogin = lease?.login ?? (labelledAgent ? await viewerLogin() : undefined);
  const release = issue
    ? releaseOf(issue, toolLogin)
    : { marks: undefined, labelsRemoved: [], requeued: false, assigneeRemoved: null };
  return {
    issue: claim.number,
    title: issue?.title ?? "",
    url: issue?.url ?? "",
    agent,
    state: issue?.state ?? "missing",
    release,
    locked: claim.locked,
  };
}

function nothingMessage(agentId: string, all: boolean, heldElsewhere: HeldElsewhere[]): string {
  const base = all
    ? "no agent holds a claim on this repository: nothing to release"
    : `${agentId} holds no claim: nothing to release`;
  if (heldElsewhere.length === 0) return base;
  const others = heldElsewhere.map((held) => `#${held.issue} is locked by ${held.agent}`).join(", ");
  return `${base} (${others}; use --agent or --all to release it)`;
}
