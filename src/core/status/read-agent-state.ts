import type { Issue } from "../../domain/issue.js";
import type { GitWorkspace } from "../ports.js";
import type { AgentView, ClaimView, ReviewView } from "./status-report.js";

export interface ReadAgentStateInput {
  agentId: string;
  git: GitWorkspace | undefined;
  baseBranch: string;
  claimed: Issue[];
  claims: ClaimView[];
  reviews: ReviewView[];
}

/** This agent as GitHub and the local checkout show it: its claim, its branch, its PRs. */
export async function readAgentState(input: ReadAgentStateInput): Promise<AgentView> {
  const mine = input.claimed.find((issue) => issue.labels.includes(input.agentId) && issue.state === "open");
  const branch = (await input.git?.currentBranch()) ?? null;
  const onAgentBranch = branch !== null && branch.startsWith(`${input.agentId}/`);
  let commitsAhead: number | null = null;
  if (onAgentBranch && input.git) {
    const base = (await input.git.hasRef(`origin/${input.baseBranch}`))
      ? `origin/${input.baseBranch}`
      : input.baseBranch;
    commitsAhead = (await input.git.hasRef(base)) ? await input.git.countCommitsAhead(base, "HEAD") : null;
  }
  if (mine) {
    return {
      id: input.agentId,
      state: "working",
      issue: { number: mine.number, title: mine.title, url: mine.url },
      branch: onAgentBranch ? branch : null,
      commitsAhead,
    };
  }
  const rework = input.claims.find((claim) => claim.rework && claim.holder?.agent === input.agentId);
  if (rework) {
    return {
      id: input.agentId,
      state: "reworking",
      issue: { number: rework.issue, title: rework.title ?? "", url: rework.url ?? "" },
      branch: onAgentBranch ? branch : null,
      commitsAhead,
      pr: input.reviews.find((review) => review.issue === rework.issue)?.number ?? null,
    };
  }
  const inReview = input.reviews.some((review) => review.branch.startsWith(`${input.agentId}/`));
  return {
    id: input.agentId,
    state: inReview ? "waiting-for-review" : "idle",
    issue: null,
    branch: onAgentBranch ? branch : null,
    commitsAhead,
  };
}
