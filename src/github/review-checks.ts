import type { z } from "zod";
import type { JobLog } from "../core/review-ports.js";
import type { CheckRunFact, CommitStatusFact } from "../domain/review/facts.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { oneOf, repoOf } from "./review-fields.js";
import * as schema from "./review-schemas.js";

/** CI on a commit: check runs, commit statuses, and the logs of GitHub Actions jobs (design §11). */

export async function listCheckRuns(ctx: RepoContext, sha: string): Promise<CheckRunFact[]> {
  const { data } = await ctx.octokit.rest.checks.listForRef({
    ...repoOf(ctx),
    ref: sha,
    filter: "latest",
    per_page: 100,
  });
  return parsePayload(schema.checkRunsSchema, data, "GET /commits/{sha}/check-runs").check_runs.map(mapCheckRun);
}

export async function listCommitStatuses(ctx: RepoContext, sha: string): Promise<CommitStatusFact[]> {
  const { data } = await ctx.octokit.rest.repos.getCombinedStatusForRef({ ...repoOf(ctx), ref: sha, per_page: 100 });
  return parsePayload(schema.combinedStatusesSchema, data, "GET /commits/{sha}/status").statuses.map((status) => ({
    context: status.context,
    state: oneOf(status.state, ["success", "failure", "error", "pending"] as const, "pending"),
    description: status.description ?? "",
    targetUrl: status.target_url ?? "",
  }));
}

export async function readJobLog(ctx: RepoContext, jobId: number): Promise<JobLog> {
  try {
    // GitHub answers with a redirect to a short-lived URL, which fetch follows.
    const { data } = await ctx.octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...repoOf(ctx), job_id: jobId });
    return { kind: "log", text: typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer) };
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404 || status === 410) {
      const reason =
        status === 410
          ? "the job log has expired"
          : "the job log could not be read with this token (it needs `actions: read`)";
      return { kind: "unavailable", reason };
    }
    throw error;
  }
}

function mapCheckRun(run: z.infer<typeof schema.checkRunsSchema>["check_runs"][number]): CheckRunFact {
  const app = run.app?.slug;
  const detailsUrl = run.details_url ?? run.html_url ?? "";
  const jobInUrl = /\/job\/(\d+)/.exec(detailsUrl)?.[1];
  return {
    id: run.id,
    name: run.name,
    status: oneOf(
      run.status,
      ["queued", "in_progress", "completed", "waiting", "requested", "pending"] as const,
      "queued",
    ),
    conclusion: run.conclusion
      ? oneOf(
          run.conclusion,
          ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", "stale"] as const,
          "failure",
        )
      : null,
    app,
    output: { title: run.output?.title ?? "", summary: run.output?.summary ?? "", text: run.output?.text ?? "" },
    detailsUrl,
    // An Actions check run is its job: same id (the details URL says so where it is given).
    actionsJobId: jobInUrl ? Number(jobInUrl) : app === "github-actions" ? run.id : undefined,
  };
}
