import { isGraphqlQuery } from "./graphql-read.js";
import { RequestError } from "@octokit/request-error";
import type { RecordWrite } from "../core/audit.js";
import type { SodaOctokit } from "./create-octokit.js";
import { githubMessage } from "./translate-error.js";

/**
 * Request parameters worth keeping: names, refs and numbers. Bodies never are — titles, comments,
 * commit messages and label descriptions are free text that could carry anything.
 */
const KEPT_PARAMETERS = ["ref", "sha", "force", "labels", "assignees", "name", "head", "base", "draft"];
/** From GitHub's answer: what the write created. */
const KEPT_ANSWER = ["number", "html_url"];

/**
 * design §8's audit log, GitHub side: every write (any method but GET and HEAD) is recorded with
 * its route template, the path it went to, its outcome and a few non-sensitive details. Headers
 * are never read, so the token cannot reach the log. Installed after the retry and throttling
 * plugins, so it wraps them: one entry per write, with the outcome the caller saw. It makes no
 * request of its own (design §9's bounds hold).
 */
export function installAuditLog(octokit: SodaOctokit, record: RecordWrite): void {
  octokit.hook.error("request", async (error, options) => {
    if (!isRead(options)) {
      const answered = error instanceof RequestError && error.response !== undefined;
      await record({
        ...describe(octokit, options),
        outcome: "error",
        detail: {
          ...pick(options, KEPT_PARAMETERS),
          status: answered ? error.status : 0,
          message: error instanceof RequestError ? githubMessage(error) : error.message,
        },
      });
    }
    throw error;
  });

  octokit.hook.after("request", async (response, options) => {
    if (isRead(options)) return;
    const data: unknown = response.data;
    const answer = isRecord(data) ? pick(data, KEPT_ANSWER) : {};
    await record({
      ...describe(octokit, options),
      outcome: "ok",
      detail: { ...pick(options, KEPT_PARAMETERS), status: response.status, ...answer },
    });
  });
}

type EndpointOptions = Parameters<SodaOctokit["request"]["endpoint"]["parse"]>[0];

/** `POST /repos/{owner}/{repo}/git/refs`, and the path it went to: `/repos/acme/widgets/git/refs`. */
function describe(octokit: SodaOctokit, options: EndpointOptions) {
  const { url } = octokit.request.endpoint.parse(options);
  return {
    system: "github" as const,
    action: `${options.method} ${options.url}`,
    target: pathOf(url, options.baseUrl),
  };
}

function isRead(options: EndpointOptions): boolean {
  const { method } = options;
  return method === "GET" || method === "HEAD" || isGraphqlQuery(method, options.url ?? "", options["query"]);
}

/**
 * The path below the API root (`/repos/acme/widgets/issues/12`), also under GHES's `/api/v3`,
 * decoded so a ref or label reads as written (`claims/9`, not `claims%2F9`).
 */
function pathOf(url: string, baseUrl: string | undefined): string {
  const path = decodePath(new URL(url).pathname);
  const root = baseUrl ? new URL(baseUrl).pathname.replace(/\/+$/, "") : "";
  return root && path.startsWith(`${root}/`) ? path.slice(root.length) : path;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The named fields that are plain values (or lists of them); anything nested is left out. */
function pick(source: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name of names) {
    const value = source[name];
    if (isPlain(value) || (Array.isArray(value) && value.every(isPlain))) kept[name] = value;
  }
  return kept;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPlain(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
