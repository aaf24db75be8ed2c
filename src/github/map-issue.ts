import type { z } from "zod";
import type { Issue } from "../domain/issue.js";
import type { issueSchema } from "./schemas.js";

export function mapIssue(raw: z.infer<typeof issueSchema>): Issue {
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? "",
    state: raw.state,
    labels: raw.labels
      .map((label) => (typeof label === "string" ? label : (label.name ?? "")))
      .filter((name) => name !== ""),
    assignees: (raw.assignees ?? []).map((user) => user.login),
    isPullRequest: raw.pull_request != null,
    createdAt: new Date(raw.created_at),
    updatedAt: new Date(raw.updated_at),
    url: raw.html_url,
    ...relationsOf(raw),
  };
}

function relationsOf(raw: z.infer<typeof issueSchema>): Pick<Issue, "relations"> {
  const dependencies = raw.issue_dependencies_summary;
  const subIssues = raw.sub_issues_summary;
  if (!dependencies && !subIssues) return {};
  return {
    relations: {
      openBlockers: dependencies?.blocked_by ?? 0,
      openSubIssues: subIssues ? Math.max(0, subIssues.total - subIssues.completed) : 0,
    },
  };
}
