import { renderComment } from "../render.js";
import { asObject, numberParam, requiredString } from "./body.js";
import { json, listReply, repoRoute, type RouteDef } from "./context.js";

export const commentRoutes: RouteDef[] = [
  repoRoute("GET", "/issues/:number/comments", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    const since = ctx.query["since"] === undefined ? Number.NaN : Date.parse(ctx.query["since"]);
    const comments = Number.isNaN(since) ? issue.comments : issue.comments.filter((c) => c.updatedAt >= since);
    return listReply(ctx, comments, (comment) => renderComment(ctx.repo, issue, comment));
  }),

  repoRoute("POST", "/issues/:number/comments", (ctx) => {
    const issue = ctx.repo.requireIssue(numberParam(ctx.params));
    const comment = ctx.repo.addComment(issue, ctx.login, requiredString(asObject(ctx.body), "body", "IssueComment"));
    return json(201, renderComment(ctx.repo, issue, comment));
  }),
];
