import { numberParam } from "./body.js";
import { publicRoute, type Reply, type RouteDef } from "./context.js";

// The storage host behind GitHub's download redirects: no token, just the signature in the
// link, which expires. Job logs are plain text with a timestamp on every line and a BOM.

const text = (status: number, body: string): Reply => ({
  status,
  body,
  headers: { "content-type": status === 200 ? "text/plain; charset=utf-8" : "application/xml" },
});

const failure = (status: number, code: string, message: string): Reply =>
  text(
    status,
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );

function timestamped(log: string, at: number): string {
  if (log === "") return "\ufeff";
  const stamp = new Date(at).toISOString().replace(/Z$/, "0000Z");
  const lines = log.replace(/\n$/, "").split("\n");
  return `\ufeff${lines.map((line) => `${stamp} ${line}`).join("\n")}\n`;
}

export const blobStorageRoutes: RouteDef[] = [
  publicRoute("GET", "/_blob/actions-results/job-logs/:file", (ctx) => {
    const jobId = numberParam({ id: (ctx.params["file"] ?? "").replace(/\.txt$/, "") }, "id");
    const target = ctx.world.signedUrls.redeem(ctx.query["sig"], jobId);
    if (target === "invalid") return failure(403, "AuthenticationFailed", "Server failed to authenticate the request.");
    if (target === "expired") return failure(403, "AuthenticationFailed", "Signed expiry time has passed.");
    const repo = ctx.world.repos.get(target.repoKey);
    const job = repo?.ci.job(jobId);
    if (!job) return failure(404, "BlobNotFound", "The specified blob does not exist.");
    return text(200, timestamped(job.log, job.createdAt));
  }),
];
