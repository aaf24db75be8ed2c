import { ApiError, validationFailed } from "../errors.js";
import { renderIssue, renderIssueEvent, renderLabel } from "../render.js";
import type { IssueRecord, RepoState } from "../state.js";
import { asObject, labelNames, numberParam, optionalStringArray, param } from "./body.js";
import { json, listReply, repoRoute, type RepoContext, type RouteDef } from "./context.js";
import { assignable } from "./issues.js";

// The label and assignee sub-resources of an issue (and of a pull request, which is an issue).

function issueLabels(repo: RepoState, issue: IssueRecord): unknown[] {
  return issue.labelIds.flatMap((id) => {
    const label = repo.labelsById.get(id);
    return label ? [renderLabel(repo, label)] : [];
  });
}

function requiredLabels(ctx: RepoContext): string[] {
  const names = labelNames(ctx.body);
  if (names === undefined) throw validationFailed({ resource: "Label", code: "missing_field", field: "labels" });
  return names;
}

function requiredAssignees(ctx: RepoContext): string[] {
  return optionalStringArray(asObject(ctx.body), "assignees") ?? [];
}

export const issueEditRoutes: RouteDef[] = [
  // Label events only: the tool reads who added a label (route:ready_to_merge must come from a writer).
  repoRoute("GET", "/issues/:number/events", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    return listReply(ctx, issue.events, (event) => renderIssueEvent(ctx.repo, issue, event));
  }),

  repoRoute("GET", "/issues/:number/labels", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    return json(200, issueLabels(ctx.repo, issue));
  }),

  repoRoute("POST", "/issues/:number/labels", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    ctx.repo.addLabels(issue, requiredLabels(ctx), ctx.login);
    return json(200, issueLabels(ctx.repo, issue));
  }),

  repoRoute("PUT", "/issues/:number/labels", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    ctx.repo.setLabels(issue, requiredLabels(ctx), ctx.login);
    return json(200, issueLabels(ctx.repo, issue));
  }),

  repoRoute("DELETE", "/issues/:number/labels", (ctx) => {
    ctx.repo.setLabels(ctx.repo.requireIssue(numberParam(ctx.params)), [], ctx.login);
    return json(204);
  }),

  repoRoute("DELETE", "/issues/:number/labels/:name", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    if (!ctx.repo.removeLabel(issue, param(ctx.params, "name"), ctx.login))
      throw new ApiError(404, "Label does not exist");
    return json(200, issueLabels(ctx.repo, issue));
  }),

  repoRoute("POST", "/issues/:number/assignees", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    const added = assignable(ctx.repo, requiredAssignees(ctx));
    ctx.repo.setAssignees(issue, [...issue.assignees, ...added].slice(0, 10));
    return json(201, renderIssue(ctx.repo, issue));
  }),

  repoRoute("DELETE", "/issues/:number/assignees", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    const removed = new Set(requiredAssignees(ctx).map((login) => login.toLowerCase()));
    ctx.repo.setAssignees(
      issue,
      issue.assignees.filter((login) => !removed.has(login.toLowerCase())),
    );
    return json(200, renderIssue(ctx.repo, issue));
  }),
];
