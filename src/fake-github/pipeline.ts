import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { ApiError, errorBody, RATE_LIMIT_DOCS_URL, SECONDARY_RATE_LIMIT_DOCS_URL } from "./errors.js";
import type { FaultInjector } from "./faults.js";
import { etagMatches, newRequestId, readBody, safeDecode, sleep, weakEtag, writeResponse } from "./http-io.js";
import type { RateLimiter } from "./rate-limit.js";
import type { RequestLog } from "./request-log.js";
import type { RouteMatch, Router } from "./router.js";
import type { Reply, RouteContext } from "./routes/context.js";
import type { FaultSpec, RequestLogEntry } from "./types.js";
import type { AuthResult } from "./users.js";
import type { World } from "./world.js";

// One request, start to finish: faults, authentication, rate limit, routing, repository access,
// the handler (serialised per repository for writes), ETag / 304, headers, request log.

export interface PipelineDeps {
  world: World;
  limits: RateLimiter;
  faults: FaultInjector;
  log: RequestLog;
  router: Router;
}

type Outcome = { kind: "reply"; reply: Reply; consumed: boolean } | { kind: "drop" };

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

const reply = (status: number, body?: unknown, headers?: Record<string, string>): Outcome => ({
  kind: "reply",
  reply: headers ? { status, body, headers } : { status, body },
  consumed: false,
});

function faultOutcome(fault: Exclude<FaultSpec, { kind: "latency" | "drop-after" }>, requestId: string): Outcome {
  if (fault.kind === "drop") return { kind: "drop" };
  if (fault.kind === "secondary-rate-limit") {
    const message =
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
      `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
    return reply(403, errorBody(403, message, undefined, SECONDARY_RATE_LIMIT_DOCS_URL), {
      "retry-after": String(fault.retryAfterSeconds),
    });
  }
  const body = fault.body ?? errorBody(fault.status, STATUS_CODES[fault.status] ?? "Error");
  return reply(fault.status, body, fault.headers);
}

async function runHandler(deps: PipelineDeps, match: RouteMatch, base: RouteContext, method: string): Promise<Reply> {
  const def = match.def;
  if (def.scope === "global" || def.scope === "public") return def.handler(base);
  const repo = deps.world.findRepo(match.params["owner"] ?? "", match.params["repo"] ?? "");
  const permission = repo?.permissionOf(base.login) ?? "none";
  // A private repository the login cannot see does not exist, as far as GitHub tells it.
  if (!repo || permission === "none") throw new ApiError(404, "Not Found");
  if (WRITE_METHODS.has(method) && permission === "read" && !def.openToReaders) {
    throw new ApiError(403, "Resource not accessible by personal access token");
  }
  const ctx = { ...base, repo, permission };
  return WRITE_METHODS.has(method) ? repo.mutex.run(() => def.handler(ctx)) : def.handler(ctx);
}

interface Incoming {
  req: IncomingMessage;
  entry: RequestLogEntry;
  auth: AuthResult;
  match: RouteMatch | null;
  url: URL;
  requestId: string;
}

async function decide(deps: PipelineDeps, incoming: Incoming): Promise<Outcome> {
  const { req, entry } = incoming;
  const raw = await readBody(req);
  let dropAfter = false;
  for (const fault of deps.faults.trigger(entry.method, entry.path)) {
    if (fault.kind === "latency") await sleep(fault.ms);
    else if (fault.kind === "drop-after") dropAfter = true;
    else return faultOutcome(fault, incoming.requestId);
  }
  const outcome = await handle(deps, incoming, raw);
  return dropAfter ? { kind: "drop" } : outcome;
}

async function handle(
  deps: PipelineDeps,
  { entry, auth, match, url, requestId }: Incoming,
  raw: Buffer,
): Promise<Outcome> {
  if (match?.def.scope === "public") return publicOutcome(deps, match, entry.method, url);
  if (auth.kind === "missing") return reply(401, errorBody(401, "Requires authentication"));
  if (auth.kind === "bad") return reply(401, errorBody(401, "Bad credentials"));
  const login = auth.login;

  const free = entry.method === "GET" && url.pathname === "/rate_limit";
  if (!free && !deps.limits.consume(login)) {
    const message =
      `API rate limit exceeded for user ID ${deps.world.users.idOf(login)}. If you reach out to GitHub Support ` +
      `for help, please include the request ID ${requestId} and timestamp ${new Date().toISOString()}.`;
    return reply(403, errorBody(403, message, undefined, RATE_LIMIT_DOCS_URL));
  }
  const answer = (r: Reply): Outcome => ({ kind: "reply", reply: r, consumed: !free });

  if (!match) return answer({ status: 404, body: errorBody(404, "Not Found") });
  let body: unknown = undefined;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return answer({ status: 400, body: errorBody(400, "Problems parsing JSON") });
    }
  }
  const base: RouteContext = {
    world: deps.world,
    limits: deps.limits,
    login,
    method: entry.method,
    params: match.params,
    query: entry.query,
    body,
    url,
  };
  try {
    return answer(await runHandler(deps, match, base, entry.method));
  } catch (error) {
    if (error instanceof ApiError) return answer({ status: error.status, body: error.body() });
    throw error;
  }
}

/** A pre-signed link: whatever Authorization header the client still sends is not looked at. */
async function publicOutcome(deps: PipelineDeps, match: RouteMatch, method: string, url: URL): Promise<Outcome> {
  const base: RouteContext = {
    world: deps.world,
    limits: deps.limits,
    login: "",
    method,
    params: match.params,
    query: Object.fromEntries(url.searchParams),
    body: undefined,
    url,
  };
  try {
    return { kind: "reply", reply: await runHandler(deps, match, base, method), consumed: false };
  } catch (error) {
    if (error instanceof ApiError) return reply(error.status, error.body());
    throw error;
  }
}

/** Serialises the reply, turns a 200 GET into a free 304 when the client's ETag matches, sends it. */
function send(
  deps: PipelineDeps,
  res: ServerResponse,
  incoming: Incoming,
  outcome: Extract<Outcome, { kind: "reply" }>,
): number {
  const { req, entry, requestId } = incoming;
  const { reply: r } = outcome;
  let status = r.status;
  let text = r.body === undefined ? undefined : typeof r.body === "string" ? r.body : JSON.stringify(r.body);
  const headers: Record<string, string> = { "x-github-request-id": requestId };
  if (text !== undefined) headers["content-type"] = "application/json; charset=utf-8";
  if (entry.method === "GET" && status === 200 && text !== undefined) {
    const etag = weakEtag(text);
    headers["etag"] = etag;
    if (etagMatches(req.headers["if-none-match"], etag)) {
      if (outcome.consumed && entry.login) deps.limits.refund(entry.login);
      status = 304;
      text = undefined;
      delete headers["content-type"];
    }
  }
  if (entry.login) Object.assign(headers, deps.limits.headers(entry.login));
  // GitHub names a classic token's scopes on every answer to it, errors included.
  if (incoming.auth.kind === "ok" && incoming.auth.scopes) headers["x-oauth-scopes"] = incoming.auth.scopes.join(", ");
  Object.assign(headers, r.headers ?? {});
  writeResponse(res, status, headers, text);
  return status;
}

export async function handleRequest(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", deps.world.baseUrl);
  const requestId = newRequestId();
  const auth = deps.world.users.authenticate(req.headers.authorization);
  const entry: RequestLogEntry = {
    method,
    path: safeDecode(url.pathname),
    query: Object.fromEntries(url.searchParams),
    status: 0,
    login: auth.kind === "ok" ? auth.login : null,
    durationMs: 0,
  };
  const match = deps.router.match(method, url.pathname);
  // Logged on arrival, so the log keeps request order even when a latency fault holds one back;
  // status and duration are filled in once it is answered.
  deps.log.record(entry, match === null);
  const incoming: Incoming = { req, entry, auth, match, url, requestId };

  let outcome: Outcome;
  try {
    outcome = await decide(deps, incoming);
  } catch (error) {
    // A bug in the fake must be loud in the test output, not a silent hang of the client.
    console.error(`fake GitHub: ${method} ${entry.path} failed:`, error);
    outcome = reply(500, errorBody(500, "Server Error"));
  }
  if (outcome.kind === "drop") req.socket.destroy();
  else entry.status = send(deps, res, incoming, outcome);
  entry.durationMs = performance.now() - started;
}
