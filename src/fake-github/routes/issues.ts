import { ApiError, validationFailed } from "../errors.js";
import { queryIssues } from "../issue-query.js";
import { renderIssue } from "../render.js";
import type { IssueRecord, RepoState } from "../state.js";
import type { IssueState } from "../types.js";
import {
  asObject,
  labelNames,
  nullableString,
  numberParam,
  optionalString,
  optionalStringArray,
  requiredString,
  type Body,
} from "./body.js";
import { json, listReply, readerRoute, repoRoute, type RepoContext, type RouteDef } from "./context.js";

/** GitHub silently drops assignees who could not be assigned: only people with push access can. */
export function assignable(repo: RepoState, logins: string[]): string[] {
  return logins.filter((login) => repo.canPush(login)).map((login) => repo.world.users.canonical(login));
}

function assigneesFrom(body: Body): string[] | undefined {
  const list = optionalStringArray(body, "assignees");
  if (list !== undefined) return list;
  if (body["assignee"] === null) return [];
  const single = optionalString(body, "assignee");
  return single === undefined ? undefined : [single];
}

function stateFrom(body: Body): IssueState | undefined {
  const state = optionalString(body, "state");
  if (state === undefined || state === "open" || state === "closed") return state;
  throw validationFailed({ resource: "Issue", code: "invalid", field: "state" });
}

/** Everything is validated before anything changes, so a 422 never leaves a half-edited issue. */
function applyEdits(repo: RepoState, issue: IssueRecord, body: Body, login: string): void {
  const title = optionalString(body, "title");
  if (title !== undefined && title.trim() === "")
    throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
  const text = nullableString(body, "body");
  const labels = labelNames(body);
  const assignees = assigneesFrom(body);
  const state = stateFrom(body);
  const reason = nullableString(body, "state_reason");

  repo.editText(
    issue,
    { ...(title === undefined ? {} : { title }), ...(text === undefined ? {} : { body: text }) },
    login,
  );
  if (labels !== undefined) repo.setLabels(issue, labels, login);
  if (assignees !== undefined) repo.setAssignees(issue, assignable(repo, assignees));
  if (state !== undefined && (state !== issue.state || reason !== undefined)) repo.setState(issue, state, reason);
  repo.touch(issue);
}

/** What a reader may change of an issue they opened; GitHub ignores the rest (labels, assignees). */
function readerEdits(ctx: RepoContext, issue: IssueRecord, body: Body): Body {
  if (ctx.permission !== "read") return body;
  if (issue.author.toLowerCase() !== ctx.login.toLowerCase())
    throw new ApiError(403, "Resource not accessible by personal access token");
  const { title, body: text, state, state_reason } = body;
  return Object.fromEntries(
    Object.entries({ title, body: text, state, state_reason }).filter(([, value]) => value !== undefined),
  );
}

export const issueRoutes: RouteDef[] = [
  repoRoute("GET", "/issues", (ctx) =>
    listReply(ctx, queryIssues(ctx.repo, ctx.query), (issue) => renderIssue(ctx.repo, issue)),
  ),

  repoRoute("GET", "/issues/:number", (ctx) =>
    json(200, renderIssue(ctx.repo, ctx.repo.requireIssue(numberParam(ctx.params)))),
  ),

  repoRoute("POST", "/issues", (ctx) => {
    const body = asObject(ctx.body);
    const title = requiredString(body, "title", "Issue");
    const issue = ctx.repo.createIssue({
      title,
      body: nullableString(body, "body") ?? null,
      labels: labelNames(body) ?? [],
      assignees: assignable(ctx.repo, assigneesFrom(body) ?? []),
      author: ctx.login,
    });
    return json(201, renderIssue(ctx.repo, issue));
  }),

  // The author of an issue may edit its title and body (and close it) without write access.
  readerRoute("PATCH", "/issues/:number", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    applyEdits(ctx.repo, issue, readerEdits(ctx, issue, asObject(ctx.body)), ctx.login);
    return json(200, renderIssue(ctx.repo, issue));
  }),
];
