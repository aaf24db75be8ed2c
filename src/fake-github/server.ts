import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeRepoHandle } from "./fake-repo.js";
import { FaultInjector } from "./faults.js";
import { handleRequest, type PipelineDeps } from "./pipeline.js";
import { RateLimiter } from "./rate-limit.js";
import { RequestLog } from "./request-log.js";
import { Router } from "./router.js";
import { allRoutes } from "./routes/index.js";
import { RepoState } from "./state.js";
import type {
  CreateRepoOptions,
  FakeGitHub,
  FakeRepo,
  FaultSpec,
  RateLimitSnapshot,
  RequestFilter,
  RequestLogEntry,
  StartFakeGitHubOptions,
} from "./types.js";
import { World } from "./world.js";

class FakeGitHubServer implements FakeGitHub {
  private readonly world = new World();
  private readonly limits: RateLimiter;
  private readonly faults = new FaultInjector();
  private readonly log = new RequestLog();
  private readonly http: Server;

  constructor(rateLimit: number) {
    this.limits = new RateLimiter(rateLimit);
    const deps: PipelineDeps = {
      world: this.world,
      limits: this.limits,
      faults: this.faults,
      log: this.log,
      router: new Router(allRoutes),
    };
    this.http = createServer((req, res) => void handleRequest(deps, req, res));
  }

  get url(): string {
    return this.world.baseUrl;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    this.world.baseUrl = `http://127.0.0.1:${port}`;
  }

  /** Also tears down keep-alive sockets, or a test run would wait for them to time out. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
  }

  revokeToken(token: string): void {
    this.world.users.revokeToken(token);
  }

  addUser(login: string, token: string, options?: { scopes?: readonly string[] }): void {
    this.world.users.addUser(login, token, options?.scopes);
  }

  createRepo(options: CreateRepoOptions): FakeRepo {
    const key = this.world.repoKey(options.owner, options.name);
    if (this.world.repos.has(key)) throw new Error(`fake GitHub: ${options.owner}/${options.name} already exists`);
    const state = new RepoState(
      this.world,
      options.owner,
      options.name,
      options.defaultBranch ?? "main",
      options.private ?? false,
      options.bareRepoPath,
    );
    for (const [login, level] of Object.entries(options.permissions ?? {})) state.setPermission(login, level);
    state.settings = { ...state.settings, ...options.settings };
    state.bare.ensureEmptyTreeObject();
    this.world.repos.set(key, state);
    return new FakeRepoHandle(state);
  }

  repo(owner: string, name: string): FakeRepo {
    const state = this.world.findRepo(owner, name);
    if (!state) throw new Error(`fake GitHub: no repository ${owner}/${name}`);
    return new FakeRepoHandle(state);
  }

  get requests(): RequestLogEntry[] {
    return this.log.requests;
  }

  clearRequestLog(): void {
    this.log.clear();
  }

  countRequests(filter?: RequestFilter): number {
    return this.log.count(filter);
  }

  injectFault(fault: FaultSpec): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  get unexpectedRequests(): RequestLogEntry[] {
    return this.log.unexpected;
  }

  clearUnexpectedRequests(): void {
    this.log.clearUnexpected();
  }

  assertNoUnexpectedRequests(): void {
    this.log.assertNoUnexpected();
  }

  setRateLimit(login: string, state: { remaining?: number; resetAt?: Date }): void {
    this.limits.set(login, state);
  }

  rateLimitOf(login: string): RateLimitSnapshot {
    return this.limits.snapshot(login);
  }
}

export async function startFakeGitHub(options: StartFakeGitHubOptions = {}): Promise<FakeGitHub> {
  const server = new FakeGitHubServer(options.rateLimit ?? 5000);
  await server.listen();
  return server;
}
