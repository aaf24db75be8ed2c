import { validationFailed } from "../errors.js";
import { requirePull, syncPull } from "../pull-ops.js";
import { renderReviewComment } from "../render-review.js";
import { currentAnchor } from "../review-anchors.js";
import { addReviewComment, replyToComment } from "../review-ops.js";
import type { IssueRecord, PullRecord, RepoState, ReviewCommentRecord } from "../state.js";
import { asObject, numberParam, optionalString, requiredString } from "./body.js";
import { json, listReply, repoRoute, type Reply, type RouteDef } from "./context.js";

// Line comments on a pull request's diff ("review comments"), each re-anchored on the current
// head when rendered, so a comment on a line a later push changed reads as outdated.

type Pull = IssueRecord & { pull: PullRecord };

async function renderAll(repo: RepoState, issue: Pull, comments: ReviewCommentRecord[]) {
  const shas = await syncPull(repo, issue);
  const anchors = await Promise.all(comments.map((c) => currentAnchor(repo, c, shas)));
  return comments.map((c, i) => {
    const anchor = anchors[i];
    if (!anchor) throw new Error("anchor lost");
    return renderReviewComment(repo, issue, c, anchor);
  });
}

async function created(repo: RepoState, issue: Pull, comment: ReviewCommentRecord): Promise<Reply> {
  const [rendered] = await renderAll(repo, issue, [comment]);
  return json(201, rendered, { location: String((rendered as { url?: string } | undefined)?.url ?? "") });
}

function sorted(comments: ReviewCommentRecord[], query: Record<string, string>): ReviewCommentRecord[] {
  const since = query["since"] === undefined ? Number.NaN : Date.parse(query["since"]);
  const kept = Number.isNaN(since) ? [...comments] : comments.filter((c) => c.updatedAt >= since);
  const sort = query["sort"];
  if (sort !== "created" && sort !== "updated") return kept;
  const key = (c: ReviewCommentRecord): number => (sort === "updated" ? c.updatedAt : c.createdAt);
  const down = query["direction"] === "desc";
  return kept.sort((a, b) => (down ? key(b) - key(a) || b.id - a.id : key(a) - key(b) || a.id - b.id));
}

export const reviewCommentRoutes: RouteDef[] = [
  repoRoute("GET", "/pulls/:number/comments", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    // Comments of someone else's pending review are not published yet.
    const me = ctx.login.toLowerCase();
    const hidden = new Set(
      issue.pull.reviews.filter((r) => r.state === "PENDING" && r.author.toLowerCase() !== me).map((r) => r.id),
    );
    const visible = issue.pull.reviewComments.filter((c) => c.reviewId === null || !hidden.has(c.reviewId));
    const comments = sorted(visible, ctx.query);
    // Anchoring needs git, so render everything first, then let listReply slice the page.
    const rendered = await renderAll(ctx.repo, issue, comments);
    return listReply(ctx, rendered, (comment) => comment);
  }),

  repoRoute("POST", "/pulls/:number/comments", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    const body = asObject(ctx.body);
    const text = requiredString(body, "body", "PullRequestReviewComment");
    const replyTo = body["in_reply_to"];
    if (typeof replyTo === "number") {
      return created(ctx.repo, issue, replyToComment(ctx.repo, issue, replyTo, ctx.login, text));
    }
    const line = body["line"];
    if (typeof line !== "number") {
      throw validationFailed({ resource: "PullRequestReviewComment", code: "missing_field", field: "line" });
    }
    const side = optionalString(body, "side") === "LEFT" ? "LEFT" : "RIGHT";
    const comment = await addReviewComment(ctx.repo, issue, {
      author: ctx.login,
      path: requiredString(body, "path", "PullRequestReviewComment"),
      line,
      side,
      body: text,
      commitId: requiredString(body, "commit_id", "PullRequestReviewComment"),
    });
    return created(ctx.repo, issue, comment);
  }),

  repoRoute("POST", "/pulls/:number/comments/:id/replies", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    const text = requiredString(asObject(ctx.body), "body", "PullRequestReviewComment");
    return created(ctx.repo, issue, replyToComment(ctx.repo, issue, numberParam(ctx.params, "id"), ctx.login, text));
  }),
];
