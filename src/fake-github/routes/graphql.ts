import { ApiError } from "../errors.js";
import { isoSeconds } from "../render.js";
import { asObject, type Body } from "./body.js";
import { globalRoute, json, type RouteDef } from "./context.js";

// GitHub's GraphQL endpoint, for the one query the tool sends: an issue's body edit history
// (`userContentEdits`, which REST does not have), for the trust gate. Anything else is answered
// the way GitHub answers a query it cannot resolve, and recorded as unexpected by no route.

const BODY_EDITS = /userContentEdits/;

export const graphqlRoutes: RouteDef[] = [
  globalRoute("POST", "/graphql", (ctx) => {
    const body = asObject(ctx.body);
    const query = typeof body["query"] === "string" ? body["query"] : "";
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
