import { ApiError, notFound } from "../errors.js";
import { renderIssue } from "../render.js";
import type { IssueRecord, RepoState } from "../state.js";
import { asObject, numberParam } from "./body.js";
import { json, listReply, repoRoute, type RepoContext, type RouteDef } from "./context.js";

// Issue dependencies (`blocked_by` / `blocking`) and sub-issues, as GitHub.com has them since 2025.
// A server without them (`repo.issueRelations` false, like an older Enterprise server) answers 404.
// Writes name the other issue by its database id (`issue_id`, `sub_issue_id`), not its number.

function related(ctx: RepoContext): IssueRecord {
  if (!ctx.repo.issueRelations) throw notFound();
  return ctx.repo.requireIssue(numberParam(ctx.params));
}

function byId(repo: RepoState, raw: unknown, field: string): IssueRecord {
  const id = typeof raw === "number" ? raw : Number.NaN;
  const issue = repo.issues.find((record) => record.id === id);
  if (!issue) throw new ApiError(422, `${field} does not name an issue in this repository`);
  return issue;
}

function listOf(ctx: RepoContext, numbers: number[]) {
  const issues = numbers.flatMap((number) => ctx.repo.issue(number) ?? []);
  return listReply(ctx, issues, (issue) => renderIssue(ctx.repo, issue));
}

export const issueRelationRoutes: RouteDef[] = [
  repoRoute("GET", "/issues/:number/dependencies/blocked_by", (ctx) => listOf(ctx, related(ctx).blockedBy)),
  repoRoute("GET", "/issues/:number/dependencies/blocking", (ctx) => listOf(ctx, related(ctx).blocking)),
  repoRoute("POST", "/issues/:number/dependencies/blocked_by", (ctx) => {
    const issue = related(ctx);
    const blocker = byId(ctx.repo, asObject(ctx.body)["issue_id"], "issue_id");
    ctx.repo.addBlockedBy(issue, blocker);
    return json(201, renderIssue(ctx.repo, blocker));
  }),
  repoRoute("DELETE", "/issues/:number/dependencies/blocked_by/:issueId", (ctx) => {
    const issue = related(ctx);
    const blocker = byId(ctx.repo, Number(ctx.params["issueId"]), "issue_id");
    if (!ctx.repo.removeBlockedBy(issue, blocker)) throw notFound();
    return json(200, renderIssue(ctx.repo, blocker));
  }),
  repoRoute("GET", "/issues/:number/sub_issues", (ctx) => listOf(ctx, related(ctx).subIssues)),
  repoRoute("POST", "/issues/:number/sub_issues", (ctx) => {
    const parent = related(ctx);
    const child = byId(ctx.repo, asObject(ctx.body)["sub_issue_id"], "sub_issue_id");
    ctx.repo.addSubIssue(parent, child);
    return json(201, renderIssue(ctx.repo, child));
  }),
];
