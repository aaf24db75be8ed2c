import { z } from "zod";
import type { LabelSpec } from "../domain/labels.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { labelSchema } from "./schemas.js";

/** The repository's labels, every page. */
export async function listLabels(ctx: RepoContext): Promise<LabelSpec[]> {
  const data = await ctx.octokit.paginate(ctx.octokit.rest.issues.listLabelsForRepo, {
    owner: ctx.owner,
    repo: ctx.repo,
    per_page: 100,
  });
  return parsePayload(z.array(labelSchema), data, "GET /repos/{owner}/{repo}/labels").map((label) => ({
    name: label.name,
    color: label.color,
    description: label.description ?? "",
  }));
}

export async function createLabel(ctx: RepoContext, label: LabelSpec): Promise<void> {
  await ctx.octokit.rest.issues.createLabel({ owner: ctx.owner, repo: ctx.repo, ...label });
}

export async function updateLabel(ctx: RepoContext, currentName: string, label: LabelSpec): Promise<void> {
  await ctx.octokit.rest.issues.updateLabel({
    owner: ctx.owner,
    repo: ctx.repo,
    name: currentName,
    new_name: label.name,
    color: label.color,
    description: label.description,
  });
}

/** Add labels to an issue or pull request, keeping the others. */
export async function addLabels(ctx: RepoContext, issueNumber: number, labels: string[]): Promise<void> {
  await ctx.octokit.rest.issues.addLabels({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber, labels });
}

/** Remove one label; "absent" when it was not there (GitHub answers 404). */
export async function removeLabel(ctx: RepoContext, issueNumber: number, label: string): Promise<"removed" | "absent"> {
  try {
    await ctx.octokit.rest.issues.removeLabel({
      owner: ctx.owner,
      repo: ctx.repo,
      issue_number: issueNumber,
      name: label,
    });
    return "removed";
  } catch (error) {
    if (statusOf(error) === 404) return "absent";
    throw error;
  }
}
