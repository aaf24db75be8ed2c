import { ApiError, notFound } from "../errors.js";
import { syncOpenPulls } from "../pull-ops.js";
import { renderJob, renderWorkflowRun } from "../render-ci.js";
import type { RepoState } from "../state.js";
import { numberParam } from "./body.js";
import { envelopeReply, json, repoRoute, type RouteDef } from "./context.js";

// GitHub Actions: workflow runs and their jobs, and the job log download, which GitHub
// answers with a redirect to a short-lived pre-signed URL (served by ./blob-storage.ts).

function requireRun(repo: RepoState, id: number) {
  const run = repo.ci.workflowRun(id);
  if (!run) throw notFound();
  return run;
}

function requireJob(repo: RepoState, id: number) {
  const job = repo.ci.job(id);
  if (!job) throw notFound();
  return job;
}

export const actionsRoutes: RouteDef[] = [
  repoRoute("GET", "/actions/runs", async (ctx) => {
    await syncOpenPulls(ctx.repo);
    const { head_sha: sha, branch, status, event, actor, check_suite_id: suiteId } = ctx.query;
    const runs = ctx.repo.ci.workflowRuns
      .filter((run) => {
        const suite = ctx.repo.ci.suite(run.suiteId);
        const lifecycle = suite ? ctx.repo.ci.suiteLifecycle(suite) : null;
        // `status` takes a status or a conclusion, as GitHub's filter does.
        const matchesStatus = status === undefined || lifecycle?.status === status || lifecycle?.conclusion === status;
        return (
          matchesStatus &&
          (sha === undefined || run.headSha === sha) &&
          (branch === undefined || run.headBranch === branch) &&
          (event === undefined || run.event === event) &&
          (actor === undefined || run.actor.toLowerCase() === actor.toLowerCase()) &&
          (suiteId === undefined || String(run.suiteId) === suiteId)
        );
      })
      .sort((a, b) => b.id - a.id);
    return envelopeReply(ctx, "workflow_runs", runs, (run) => renderWorkflowRun(ctx.repo, run));
  }),

  repoRoute("GET", "/actions/runs/:id", async (ctx) => {
    const run = requireRun(ctx.repo, numberParam(ctx.params, "id"));
    await syncOpenPulls(ctx.repo);
    return json(200, renderWorkflowRun(ctx.repo, run));
  }),

  repoRoute("GET", "/actions/runs/:id/jobs", (ctx) => {
    const run = requireRun(ctx.repo, numberParam(ctx.params, "id"));
    const jobs = ctx.repo.ci.jobs.filter((job) => job.runId === run.id);
    return envelopeReply(ctx, "jobs", jobs, (job) => renderJob(ctx.repo, job));
  }),

  repoRoute("GET", "/actions/jobs/:id", (ctx) =>
    json(200, renderJob(ctx.repo, requireJob(ctx.repo, numberParam(ctx.params, "id")))),
  ),

  repoRoute("GET", "/actions/jobs/:id/logs", (ctx) => {
    const job = requireJob(ctx.repo, numberParam(ctx.params, "id"));
    // What GitHub answers a token without `actions: read` (seen from Actions' own GITHUB_TOKEN).
    if (!ctx.repo.ci.canReadLogs(ctx.login)) throw new ApiError(403, "Must have admin rights to Repository.");
    const path = ctx.world.signedUrls.issue({
      repoKey: ctx.world.repoKey(ctx.repo.owner, ctx.repo.name),
      jobId: job.id,
    });
    return { status: 302, headers: { location: `${ctx.world.baseUrl}${path}` } };
  }),
];
