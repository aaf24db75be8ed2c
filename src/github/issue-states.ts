import { z } from "zod";
import type { BlockerFact } from "../domain/dependencies.js";
import type { Issue } from "../domain/issue.js";
import { mapIssue } from "./map-issue.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { issueSchema } from "./schemas.js";

/** The most issues one query asks about: GitHub's node limit is far above, the query text is not. */
export const MAX_ISSUE_STATES = 100;

const stateSchema = z.object({
  data: z
    .object({
      repository: z
        .record(
          z.string(),
          z
            .union([
              z.object({
                __typename: z.literal("Issue"),
                number: z.number().int(),
                state: z.string(),
                labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()).nullable() }).nullable(),
              }),
              z.object({ __typename: z.literal("PullRequest"), number: z.number().int(), state: z.string() }),
            ])
            .nullable(),
        )
        .nullable(),
    })
    .nullable()
    .optional(),
  errors: z.array(z.object({ type: z.string().optional(), message: z.string() })).optional(),
});

/**
 * Whether issues named as blockers in issue bodies are open, in one request whatever their number
 * (design §9: the queue's request bounds leave room for one read of dependencies, not one per
 * issue). One blocker — the usual case — is a REST GET through the ETag cache, so a queue polled
 * while it waits costs 304s that GitHub does not count; several are one GraphQL query of aliased
 * fields (no ETag there, but one request). A number that is neither an issue nor a pull request
 * comes back null (GitHub's NOT_FOUND error for that alias alone, or a 404 / 410).
 */
export async function readIssueStates(
  ctx: RepoContext,
  numbers: readonly number[],
): Promise<Map<number, BlockerFact | null>> {
  const asked = [...new Set(numbers)].slice(0, MAX_ISSUE_STATES);
  if (asked.length === 0) return new Map();
  const [only] = asked;
  if (asked.length === 1 && only !== undefined) return new Map([[only, await readOneIssueState(ctx, only)]]);
  const fields = asked
    .map(
      (number) =>
        `i${number}: issueOrPullRequest(number: ${number}) { __typename ` +
        `... on Issue { number state labels(first: 50) { nodes { name } } } ... on PullRequest { number state } }`,
    )
    .join("\n    ");
  const query = `query IssueStates($owner: String!, $repo: String!) {\n  repository(owner: $owner, name: $repo) {\n    ${fields}\n  }\n}`;
  // Sent as a plain request: octokit.graphql throws on any error, and a missing number is one.
  const response = await ctx.octokit.request("POST /graphql", {
    query,
    variables: { owner: ctx.owner, repo: ctx.repo },
  });
  const payload = parsePayload(stateSchema, response.data, "POST /graphql (issueOrPullRequest)");
  const repository = payload.data?.repository;
  if (!repository) {
    throw new Error(payload.errors?.[0]?.message ?? "GitHub answered the issue state query without a repository");
  }
  const facts = new Map<number, BlockerFact | null>();
  for (const number of asked) {
    const node = repository[`i${number}`];
    facts.set(
      number,
      node
        ? {
            number,
            open: node.state === "OPEN",
            isPullRequest: node.__typename === "PullRequest",
            labels:
              node.__typename === "Issue"
                ? (node.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : []))
                : [],
          }
        : null,
    );
  }
  return facts;
}

/**
 * The open issues GitHub's dependencies say this one is blocked by (GET through the ETag cache);
 * undefined where the server has no issue dependencies (404), as older Enterprise servers.
 */
export async function listOpenBlockers(ctx: RepoContext, issueNumber: number): Promise<Issue[] | undefined> {
  try {
    const response = await ctx.octokit.request(
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
      {
        owner: ctx.owner,
        repo: ctx.repo,
        issue_number: issueNumber,
        per_page: 100,
      },
    );
    const blockers = parsePayload(z.array(issueSchema), response.data, "GET /issues/{number}/dependencies/blocked_by");
    return blockers.map(mapIssue).filter((issue) => issue.state === "open");
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

async function readOneIssueState(ctx: RepoContext, issueNumber: number): Promise<BlockerFact | null> {
  try {
    const { data } = await ctx.octokit.rest.issues.get({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber });
    const issue = mapIssue(parsePayload(issueSchema, data, "GET /repos/{owner}/{repo}/issues/{number}"));
    return {
      number: issueNumber,
      open: issue.state === "open",
      isPullRequest: issue.isPullRequest,
      labels: issue.labels,
    };
  } catch (error) {
    // A deleted issue answers 410, a transferred or never-existing one 404: neither blocks anything.
    if (statusOf(error) === 404 || statusOf(error) === 410) return null;
    throw error;
  }
}
