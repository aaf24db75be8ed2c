import type { BodyEditsFact, IssueEventFact } from "../domain/trust-gate.js";
import { parsePayload } from "./parse-payload.js";
import type { RepoContext } from "./repo-context.js";
import { repoOf } from "./review-fields.js";
import * as schema from "./review-schemas.js";

/** What the trust gate (design §5) reads about one issue: its events and its body's edit history. */

const EVENT_KINDS = ["labeled", "unlabeled", "renamed"] as const;

/** Label and title events, oldest first (GET through the ETag cache: a 304 while nothing changed). */
export async function listIssueEvents(ctx: RepoContext, issueNumber: number): Promise<IssueEventFact[]> {
  const data = await ctx.octokit.paginate(ctx.octokit.rest.issues.listEvents, {
    ...repoOf(ctx),
    issue_number: issueNumber,
    per_page: 100,
  });
  return parsePayload(schema.issueEventsSchema, data, "GET /issues/{number}/events").map((event) => ({
    id: event.id,
    kind: (EVENT_KINDS as readonly string[]).includes(event.event)
      ? (event.event as (typeof EVENT_KINDS)[number])
      : "other",
    actor: event.actor?.login,
    ...(event.label ? { label: event.label.name } : {}),
    at: new Date(event.created_at),
  }));
}

/** The most edits read; an issue edited more often is refused rather than half checked. */
const MAX_EDITS = 100;

const BODY_EDITS_QUERY = `query IssueBodyEdits($owner: String!, $repo: String!, $number: Int!, $first: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      author { login }
      userContentEdits(first: $first) { totalCount nodes { editedAt editor { login } } }
    }
  }
}`;

/**
 * Who edited the body, and when: only GraphQL has it (`userContentEdits`; REST shows no body
 * history). One query of cost 1, made only for the issue the loop is about to claim.
 */
export async function listBodyEdits(ctx: RepoContext, issueNumber: number): Promise<BodyEditsFact> {
  const data = await ctx.octokit.graphql(BODY_EDITS_QUERY, {
    ...repoOf(ctx),
    number: issueNumber,
    first: MAX_EDITS,
  });
  const issue = parsePayload(schema.bodyEditsSchema, data, "POST /graphql (userContentEdits)").repository.issue;
  const history = issue?.userContentEdits;
  const nodes = (history?.nodes ?? []).filter((node) => node !== null);
  return {
    author: issue?.author?.login,
    // GitHub lists the newest first; the rule reads them oldest first (a stable sort keeps ties so).
    edits: nodes
      .map((node) => ({ editor: node.editor?.login, editedAt: new Date(node.editedAt) }))
      .reverse()
      .sort((a, b) => a.editedAt.getTime() - b.editedAt.getTime()),
    truncated: (history?.totalCount ?? 0) > nodes.length,
  };
}
