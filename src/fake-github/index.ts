// A stateful fake of the GitHub REST API for tests, the benchmark and `my-little-soda demo`.
// Node built-ins only: it is compiled into dist and runs without any npm package.
//
//   const server = await startFakeGitHub();
//   server.addUser("alice", "tok");
//   const repo = server.createRepo({ owner: "acme", name: "widgets", bareRepoPath: await sandbox.createOrigin("widgets") });
//   repo.addIssue({ title: "Fix it", labels: ["route:ready"] });
//   // point Octokit at server.url with `token tok`; in afterEach: server.assertNoUnexpectedRequests()
//
// What it models, and what a test can make happen on the FakeRepo handle:
// - issues, labels, comments, assignees; git refs and commits; branches, compare;
// - pull requests, whose head follows real `git push`es to the bare repository; merging for
//   real (merge commit, squash, rebase replaying each commit), repository merge settings and
//   delete_branch_on_merge (`updateSettings`); `update-branch`; `mergeable`/`mergeable_state`
//   from real `git merge-tree` conflicts and branch protection (`setBranchProtection`,
//   `setMergeabilityDelay` for GitHub's "unknown" on the first read after a push);
// - reviews (on the head they were given on), line comments on the real diff, review requests
//   (`addReview`, `addReviewComment`, `requestReviewers`, `dismissReview`);
// - commit statuses, check runs and suites, GitHub Actions runs and jobs (`setCommitStatus`,
//   `addCheckRun`, `addWorkflowRun`, …), and job logs behind a 302 to a pre-signed,
//   token-free URL the server also serves (`setActionsLogAccess` for the 403 without it);
// - rate limits, ETag/304, Link pagination, and injected faults.
// Any other endpoint is answered 404 and recorded as unexpected, failing the test.
export { startFakeGitHub } from "./server.js";
export { EMPTY_TREE_SHA } from "./bare-repo.js";
export { GITHUB_ACTIONS_APP_ID } from "./types-policy.js";
export type {
  CheckConclusion,
  CheckOutput,
  CheckRunPatch,
  CheckRunSeed,
  CheckStatus,
  FakeCheckRun,
  FakeWorkflowJob,
  FakeWorkflowRun,
  WorkflowJobPatch,
  WorkflowJobSeed,
  WorkflowRunSeed,
  WorkflowStepSeed,
} from "./types-checks.js";
export type { BranchProtectionSeed, RepoSettings, RequiredCheckSeed } from "./types-policy.js";
export type {
  DiffSide,
  FakeReview,
  FakeReviewComment,
  ReviewCommentSeed,
  ReviewSeed,
  ReviewState,
} from "./types-reviews.js";
export type {
  CommitState,
  CommitStatusOptions,
  CreateRepoOptions,
  FakeComment,
  FakeGitHub,
  FakeIssue,
  FakeLabel,
  FakePull,
  FakeRepo,
  FaultSpec,
  IssueSeed,
  IssueState,
  LabelSeed,
  MergeMethod,
  MergeResult,
  PermissionLevel,
  PullSeed,
  RateLimitSnapshot,
  RequestFilter,
  RequestLogEntry,
  StartFakeGitHubOptions,
} from "./types.js";
