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
  };
}
