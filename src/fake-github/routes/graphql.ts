import { ApiError } from "../errors.js";
import { isoSeconds } from "../render.js";
import { asObject, type Body } from "./body.js";
import { globalRoute, json, type Reply, type RouteContext, type RouteDef } from "./context.js";

// GitHub's GraphQL endpoint, for the two queries the tool sends: an issue's body edit history
// (`userContentEdits`, which REST does not have), for the trust gate, and the state of several
// issues at once by aliased `issueOrPullRequest` fields, for blockers named in issue bodies.
// Anything else is answered 400, so a new query cannot pass unnoticed.

const BODY_EDITS = /userContentEdits/;
const ISSUE_STATES = /(\w+): issueOrPullRequest\(number: (\d+)\)/g;

export const graphqlRoutes: RouteDef[] = [
  globalRoute("POST", "/graphql", (ctx) => {
    const body = asObject(ctx.body);
    const query = typeof body["query"] === "string" ? body["query"] : "";
    if (query.includes("issueOrPullRequest("))
      return issueStates(ctx, query, asObject(body["variables"] ?? {}) as Body);
    if (!BODY_EDITS.test(query)) throw new ApiError(400, "the fake GitHub answers only the userContentEdits query");
    const variables = asObject(body["variables"] ?? {}) as Body;
    const repo = ctx.world.findRepo(String(variables["owner"]), String(variables["repo"]));
    const issue = repo?.issue(Number(variables["number"]));
    if (!repo || !issue || repo.permissionOf(ctx.login) === "none") {
      return json(200, {
        data: { repository: null },
        errors: [{ type: "NOT_FOUND", message: "Could not resolve to a Repository." }],
      });
    }
    const first = Number(variables["first"] ?? 100);
    // Newest first, as GitHub lists them.
    const edits = [...issue.bodyEdits].reverse();
    return json(200, {
      data: {
        repository: {
          issue: {
            author: { login: repo.world.users.canonical(issue.author) },
            userContentEdits: {
              totalCount: edits.length,
              nodes: edits.slice(0, first).map((edit) => ({
                editedAt: isoSeconds(edit.editedAt),
                editor: { login: repo.world.users.canonical(edit.editor) },
              })),
            },
          },
        },
      },
    });
  }),
];

function issueStates(ctx: RouteContext, query: string, variables: Body): Reply {
  const repo = ctx.world.findRepo(String(variables["owner"]), String(variables["repo"]));
  if (!repo || repo.permissionOf(ctx.login) === "none") {
    return json(200, {
      data: { repository: null },
      errors: [{ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository." }],
    });
  }
  const found: Record<string, unknown> = {};
  const errors: unknown[] = [];
  for (const [, alias = "", number = ""] of query.matchAll(ISSUE_STATES)) {
    const issue = repo.issue(Number(number));
    if (!issue) {
      found[alias] = null;
      errors.push({
        type: "NOT_FOUND",
        path: ["repository", alias],
        message: `Could not resolve to an issue or pull request with the number of ${number}.`,
      });
      continue;
    }
    const merged = issue.pull?.mergedAt != null;
    found[alias] = issue.pull
      ? { __typename: "PullRequest", number: issue.number, state: merged ? "MERGED" : issue.state.toUpperCase() }
      : {
          __typename: "Issue",
          number: issue.number,
          state: issue.state.toUpperCase(),
          labels: { nodes: repo.labelNames(issue).map((name) => ({ name })) },
        };
  }
  return json(200, errors.length > 0 ? { data: { repository: found }, errors } : { data: { repository: found } });
}
