import { z } from "zod";
import type { Marks } from "../domain/claim-marks.js";
import type { Issue } from "../domain/issue.js";
import type { IssuePage, OpenIssueQuery } from "../core/ports.js";
import { mapIssue } from "./map-issue.js";
import { parsePayload } from "./parse-payload.js";
import type { RepoContext } from "./repo-context.js";
import { issueSchema } from "./schemas.js";

export async function listOpenIssues(ctx: RepoContext, query: OpenIssueQuery): Promise<IssuePage> {
  const response = await ctx.octokit.rest.issues.listForRepo({
    owner: ctx.owner,
    repo: ctx.repo,
    state: "open",
    labels: query.labels.join(","),
    sort: "created",
    direction: "asc",
    per_page: query.perPage,
    page: query.page ?? 1,
  });
  const issues = parsePayload(z.array(issueSchema), response.data, "GET /repos/{owner}/{repo}/issues");
  return { issues: issues.map(mapIssue), hasNextPage: /\brel="next"/.test(response.headers.link ?? "") };
}

export async function getIssue(ctx: RepoContext, issueNumber: number): Promise<Issue> {
  const { data } = await ctx.octokit.rest.issues.get({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber });
  return mapIssue(parsePayload(issueSchema, data, "GET /repos/{owner}/{repo}/issues/{number}"));
}

/** Labels and assignees replaced in one write; the issue as GitHub now has it. */
export async function setMarks(ctx: RepoContext, issueNumber: number, marks: Marks): Promise<Issue> {
  const { data } = await ctx.octokit.rest.issues.update({
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: issueNumber,
    labels: marks.labels,
    assignees: marks.assignees,
  });
  return mapIssue(parsePayload(issueSchema, data, "PATCH /issues/{number}"));
}

export async function removeAssignees(ctx: RepoContext, issueNumber: number, logins: string[]): Promise<void> {
  await ctx.octokit.rest.issues.removeAssignees({
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: issueNumber,
    assignees: logins,
  });
}

export async function createComment(ctx: RepoContext, issueNumber: number, body: string): Promise<{ url: string }> {
  const { data } = await ctx.octokit.rest.issues.createComment({
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: issueNumber,
    body,
  });
  return { url: typeof data.html_url === "string" ? data.html_url : "" };
}
