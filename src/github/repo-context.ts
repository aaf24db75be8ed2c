import type { SodaOctokit } from "./create-octokit.js";

/** What every GitHub call of one repository needs: the client and the repository's coordinates. */
export interface RepoContext {
  octokit: SodaOctokit;
  owner: string;
  repo: string;
}

/** The HTTP status of an Octokit error, read before it is translated (some statuses are answers, not failures). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}
