import type { CommentRecord, IssueRecord, LabelRecord, RepoState } from "./state.js";
import type { IssueEventRecord } from "./records.js";
import type { PermissionLevel } from "./types.js";

// GitHub's JSON for each resource. Timestamps have whole seconds, like GitHub's.

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoSeconds(ms));

export function apiRepoUrl(repo: RepoState): string {
  return `${repo.world.baseUrl}/repos/${repo.fullName}`;
}

export function htmlRepoUrl(repo: RepoState): string {
  return `${repo.world.baseUrl}/${repo.fullName}`;
}

export function renderLabel(repo: RepoState, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: `LA_${label.id}`,
    url: `${apiRepoUrl(repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    description: label.description,
    default: false,
  };
}

export function permissionFlags(level: PermissionLevel | "none"): Record<string, boolean> {
  const rank = { none: 0, read: 1, triage: 2, write: 3, admin: 4 }[level];
  return { admin: rank >= 4, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 };
}

export function renderRepo(repo: RepoState, login: string): Record<string, unknown> {
  const permission = repo.permissionOf(login);
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: repo.fullName,
    owner: repo.world.users.json(repo.owner),
    private: repo.isPrivate,
    visibility: repo.isPrivate ? "private" : "public",
    html_url: htmlRepoUrl(repo),
    url: apiRepoUrl(repo),
    clone_url: `${htmlRepoUrl(repo)}.git`,
    default_branch: repo.defaultBranch,
    fork: false,
    archived: false,
    disabled: false,
    has_issues: true,
    permissions: permissionFlags(permission === "none" && !repo.isPrivate ? "read" : permission),
  };
}

function assigneesJson(repo: RepoState, issue: IssueRecord): Record<string, unknown> {
  const assignees = issue.assignees.map((login) => repo.world.users.json(login));
  return { assignee: assignees[0] ?? null, assignees };
}

/** The counts GitHub puts on every issue once it has issue dependencies and sub-issues. */
function relationSummaries(repo: RepoState, issue: IssueRecord): Record<string, unknown> {
  const open = (numbers: number[]) => numbers.filter((number) => repo.issue(number)?.state === "open").length;
  const total = issue.subIssues.length;
  const completed = total - open(issue.subIssues);
  return {
    issue_dependencies_summary: {
      blocked_by: open(issue.blockedBy),
      blocking: open(issue.blocking),
      total_blocked_by: issue.blockedBy.length,
      total_blocking: issue.blocking.length,
    },
    sub_issues_summary: {
      total,
      completed,
      percent_completed: total === 0 ? 0 : Math.floor((completed * 100) / total),
    },
  };
}

export function renderIssue(repo: RepoState, issue: IssueRecord): Record<string, unknown> {
  const api = `${apiRepoUrl(repo)}/issues/${issue.number}`;
  const json: Record<string, unknown> = {
    url: api,
    repository_url: apiRepoUrl(repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    html_url: `${htmlRepoUrl(repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`,
    id: issue.id,
    node_id: `${issue.pull ? "PR" : "I"}_${issue.id}`,
    number: issue.number,
    title: issue.title,
    user: repo.world.users.json(issue.author),
    labels: issue.labelIds.flatMap((id) => {
      const label = repo.labelsById.get(id);
      return label ? [renderLabel(repo, label)] : [];
    }),
    state: issue.state,
    locked: false,
    ...assigneesJson(repo, issue),
    milestone: null,
    comments: issue.comments.length,
    created_at: isoSeconds(issue.createdAt),
    updated_at: isoSeconds(issue.updatedAt),
    closed_at: isoOrNull(issue.closedAt),
    author_association: repo.authorAssociation(issue.author),
    body: issue.body,
    state_reason: issue.stateReason,
    ...(repo.issueRelations ? relationSummaries(repo, issue) : {}),
  };
  if (issue.pull) {
    json["draft"] = issue.pull.draft;
    json["pull_request"] = {
      url: `${apiRepoUrl(repo)}/pulls/${issue.number}`,
      html_url: `${htmlRepoUrl(repo)}/pull/${issue.number}`,
      diff_url: `${htmlRepoUrl(repo)}/pull/${issue.number}.diff`,
      patch_url: `${htmlRepoUrl(repo)}/pull/${issue.number}.patch`,
      merged_at: isoOrNull(issue.pull.mergedAt),
    };
  }
  return json;
}

export function renderComment(repo: RepoState, issue: IssueRecord, comment: CommentRecord): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${apiRepoUrl(repo)}/issues/comments/${comment.id}`,
    html_url: `${htmlRepoUrl(repo)}/issues/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${apiRepoUrl(repo)}/issues/${issue.number}`,
    body: comment.body,
    user: repo.world.users.json(comment.author),
    created_at: isoSeconds(comment.createdAt),
    updated_at: isoSeconds(comment.updatedAt),
    author_association: repo.authorAssociation(comment.author),
  };
}

export function renderIssueEvent(
  repo: RepoState,
  issue: IssueRecord,
  event: IssueEventRecord,
): Record<string, unknown> {
  const label = event.label === undefined ? undefined : repo.findLabel(event.label);
  return {
    id: event.id,
    node_id: `${event.event === "renamed" ? "RTE" : "LE"}_${event.id}`,
    url: `${apiRepoUrl(repo)}/issues/events/${event.id}`,
    actor: repo.world.users.json(event.actor),
    event: event.event,
    commit_id: null,
    commit_url: null,
    created_at: isoSeconds(event.createdAt),
    ...(event.label === undefined ? {} : { label: { name: event.label, color: label?.color ?? "ededed" } }),
    ...(event.rename === undefined ? {} : { rename: event.rename }),
    issue_url: `${apiRepoUrl(repo)}/issues/${issue.number}`,
  };
}
