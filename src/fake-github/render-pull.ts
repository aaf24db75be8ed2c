import type { Mergeability } from "./mergeability.js";
import { apiRepoUrl, htmlRepoUrl, isoOrNull, renderIssue } from "./render.js";
import type { IssueRecord, RepoState } from "./state.js";

// A pull request as `GET /pulls` lists it ("pull-request-simple"), and in full as
// `GET /pulls/{n}` answers, with the merge fields the list leaves out.

/** `shas` are read from the bare repo by the caller: the record only remembers the last seen head. */
export function renderPull(
  repo: RepoState,
  issue: IssueRecord,
  shas: { head: string; base: string | null },
): Record<string, unknown> {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const users = repo.world.users;
  const side = (ref: string, sha: string | null, owner: string): Record<string, unknown> => ({
    label: `${owner}:${ref}`,
    ref,
    sha,
    user: users.json(owner),
    repo: {
      id: repo.id,
      name: repo.name,
      full_name: repo.fullName,
      owner: users.json(repo.owner),
      private: repo.isPrivate,
    },
  });
  const issueJson = renderIssue(repo, issue);
  const api = `${apiRepoUrl(repo)}/pulls/${issue.number}`;
  return {
    url: api,
    id: pull.id,
    node_id: `PR_${pull.id}`,
    html_url: `${htmlRepoUrl(repo)}/pull/${issue.number}`,
    issue_url: `${apiRepoUrl(repo)}/issues/${issue.number}`,
    review_comments_url: `${api}/comments`,
    statuses_url: `${apiRepoUrl(repo)}/statuses/${shas.head}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: issueJson["user"],
    body: issue.body,
    labels: issueJson["labels"],
    milestone: null,
    created_at: issueJson["created_at"],
    updated_at: issueJson["updated_at"],
    closed_at: issueJson["closed_at"],
    merged_at: isoOrNull(pull.mergedAt),
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issueJson["assignee"],
    assignees: issueJson["assignees"],
    requested_reviewers: pull.requestedReviewers.map((login) => users.json(login)),
    requested_teams: [],
    draft: pull.draft,
    head: side(pull.headRef, shas.head, pull.headOwner),
    base: side(pull.baseRef, shas.base, repo.owner),
    author_association: issueJson["author_association"],
    auto_merge: null,
  };
}

export function renderPullDetail(
  repo: RepoState,
  issue: IssueRecord,
  shas: { head: string; base: string | null },
  mergeability: Mergeability,
): Record<string, unknown> {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  return {
    ...renderPull(repo, issue, shas),
    merged: pull.merged,
    mergeable: mergeability.mergeable,
    mergeable_state: mergeability.state,
    merged_by: pull.mergedBy === null ? null : repo.world.users.json(pull.mergedBy),
    comments: issue.comments.length,
    review_comments: pull.reviewComments.length,
    maintainer_can_modify: false,
  };
}
