// A stateful fake of the GitHub REST API for tests, the benchmark and `my-little-soda demo`.
// Node built-ins only: it is compiled into dist and runs without any npm package.
//
//   const server = await startFakeGitHub();
//   server.addUser("alice", "tok");
//   const repo = server.createRepo({ owner: "acme", name: "widgets", bareRepoPath: await sandbox.createOrigin("widgets") });
//   repo.addIssue({ title: "Fix it", labels: ["route:ready"] });
//   // point Octokit at server.url with `token tok`; in afterEach: server.assertNoUnexpectedRequests()
export { startFakeGitHub } from "./server.js";
export { EMPTY_TREE_SHA } from "./bare-repo.js";
export type {
  CommitState,
  CreateRepoOptions,
  FakeComment,
  FakeGitHub,
  FakeIssue,
  FakeLabel,
  FakePull,
  FakeRepo,
  FakeReview,
  FaultSpec,
  IssueSeed,
  IssueState,
  LabelSeed,
  MergeResult,
  PermissionLevel,
  PullSeed,
  RateLimitSnapshot,
  RequestFilter,
  RequestLogEntry,
  ReviewState,
  StartFakeGitHubOptions,
} from "./types.js";
