import type { CheckRunRecord } from "../ci-records.js";
import { notFound } from "../errors.js";
import { syncOpenPulls } from "../pull-ops.js";
import { renderCheckRun, renderCheckSuite } from "../render-ci.js";
import type { RepoState } from "../state.js";
import { numberParam, param } from "./body.js";
import { envelopeReply, json, repoRoute, type RepoContext, type RouteDef } from "./context.js";
import { resolveRef } from "./statuses.js";

// The Checks API, read side: what CI apps (GitHub Actions among them) reported on a commit.

const newestFirst = (a: { id: number }, b: { id: number }): number => b.id - a.id;

/** `filter=latest` (the default) keeps the newest run of each name and app, as on GitHub. */
function latestOnly(runs: CheckRunRecord[]): CheckRunRecord[] {
  const seen = new Set<string>();
  return runs.filter((run) => {
    const key = `${run.app.id} ${run.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function filterRuns(runs: CheckRunRecord[], query: Record<string, string>): CheckRunRecord[] {
  let result = [...runs].sort(newestFirst);
  if (query["filter"] !== "all") result = latestOnly(result);
  const name = query["check_name"];
  const status = query["status"];
  const appId = query["app_id"];
  return result.filter(
    (run) =>
      (name === undefined || run.name === name) &&
      (status === undefined || run.status === status) &&
      (appId === undefined || String(run.app.id) === appId),
  );
}

function requireSuite(repo: RepoState, ctx: RepoContext) {
  const suite = repo.ci.suite(numberParam(ctx.params, "id"));
  if (!suite) throw notFound();
  return suite;
}

export const checkRoutes: RouteDef[] = [
  repoRoute("GET", "/commits/*ref/check-runs", async (ctx) => {
    const sha = await resolveRef(ctx.repo, param(ctx.params, "ref"));
    await syncOpenPulls(ctx.repo);
    const runs = filterRuns(
      ctx.repo.ci.checkRuns.filter((run) => run.headSha === sha),
      ctx.query,
    );
    return envelopeReply(ctx, "check_runs", runs, (run) => renderCheckRun(ctx.repo, run));
  }),

  repoRoute("GET", "/check-runs/:id", async (ctx) => {
    const run = ctx.repo.ci.checkRun(numberParam(ctx.params, "id"));
    if (!run) throw notFound();
    await syncOpenPulls(ctx.repo);
    return json(200, renderCheckRun(ctx.repo, run));
  }),

  repoRoute("GET", "/commits/*ref/check-suites", async (ctx) => {
    const sha = await resolveRef(ctx.repo, param(ctx.params, "ref"));
    await syncOpenPulls(ctx.repo);
    const { app_id: appId, check_name: name } = ctx.query;
    const suites = ctx.repo.ci.suites.filter(
      (suite) =>
        suite.headSha === sha &&
        (appId === undefined || String(suite.app.id) === appId) &&
        (name === undefined || ctx.repo.ci.checkRuns.some((run) => run.suiteId === suite.id && run.name === name)),
    );
    return envelopeReply(ctx, "check_suites", suites, (suite) => renderCheckSuite(ctx.repo, suite));
  }),

  repoRoute("GET", "/check-suites/:id", async (ctx) => {
    const suite = requireSuite(ctx.repo, ctx);
    await syncOpenPulls(ctx.repo);
    return json(200, renderCheckSuite(ctx.repo, suite));
  }),

  repoRoute("GET", "/check-suites/:id/check-runs", async (ctx) => {
    const suite = requireSuite(ctx.repo, ctx);
    await syncOpenPulls(ctx.repo);
    const runs = filterRuns(
      ctx.repo.ci.checkRuns.filter((run) => run.suiteId === suite.id),
      ctx.query,
    );
    return envelopeReply(ctx, "check_runs", runs, (run) => renderCheckRun(ctx.repo, run));
  }),
];
