import { asPerson } from "./errors.js";
import * as ci from "./fake-ci-helpers.js";
import * as reviews from "./fake-review-helpers.js";
import { FakeIssueView, FakePullView } from "./fake-views.js";
import { mergePullRequest } from "./merge.js";
import { protectionRecord } from "./protection.js";
import { openPull } from "./pull-ops.js";
import type { IssueRecord, PullRecord, RepoState } from "./state.js";
import type {
  CommitState,
  CommitStatusOptions,
  FakeComment,
  FakeIssue,
  FakeLabel,
  FakePull,
  FakeRepo,
  IssueSeed,
  LabelSeed,
  MergeMethod,
  MergeResult,
  PermissionLevel,
  PullSeed,
} from "./types.js";
import type {
  CheckRunPatch,
  CheckRunSeed,
  FakeCheckRun,
  FakeWorkflowRun,
  WorkflowJobPatch,
  WorkflowJobSeed,
  WorkflowRunSeed,
} from "./types-checks.js";
import type { BranchProtectionSeed, RepoSettings } from "./types-policy.js";
import type { FakeReview, FakeReviewComment, ReviewCommentSeed, ReviewSeed } from "./types-reviews.js";

/**
 * "A person did this on github.com": seeding and outside changes that bypass HTTP, so they are
 * neither logged nor rate-limited, but go through the same state methods as the routes.
 */
export class FakeRepoHandle implements FakeRepo {
  constructor(private readonly state: RepoState) {}

  /** A helper misuse is a test bug: say which issue, rather than GitHub's bare "Not Found". */
  private record(number: number): IssueRecord {
    const record = this.state.issue(number);
    if (!record) throw new Error(`fake GitHub: ${this.state.fullName} has no issue or pull request #${number}`);
    return record;
  }

  private pullRecord(number: number): IssueRecord & { pull: PullRecord } {
    const record = this.record(number);
    if (!record.pull) throw new Error(`fake GitHub: ${this.state.fullName}#${number} is an issue, not a pull request`);
    return record as IssueRecord & { pull: PullRecord };
  }

  get owner(): string {
    return this.state.owner;
  }
  get name(): string {
    return this.state.name;
  }
  get fullName(): string {
    return this.state.fullName;
  }
  get defaultBranch(): string {
    return this.state.defaultBranch;
  }
  get isPrivate(): boolean {
    return this.state.isPrivate;
  }
  get bareRepoPath(): string {
    return this.state.bare.gitDir;
  }

  addLabel(seed: LabelSeed): FakeLabel {
    const existing = this.state.findLabel(seed.name);
    const description = seed.description ?? null;
    if (existing) this.state.updateLabel(existing, { name: seed.name, color: seed.color, description });
    const label = existing ?? this.state.createLabel(seed.name, seed.color, description);
    return { name: label.name, color: label.color, description: label.description };
  }

  labels(): FakeLabel[] {
    return this.state.labelList().map(({ name, color, description }) => ({ name, color, description }));
  }

  addIssue(seed: IssueSeed): FakeIssue {
    return new FakeIssueView(this.state, this.state.createIssue(seed));
  }

  addIssues(count: number, template: Partial<IssueSeed> | ((index: number) => Partial<IssueSeed>) = {}): FakeIssue[] {
    const views: FakeIssue[] = [];
    for (let index = 0; index < count; index++) {
      const seed = typeof template === "function" ? template(index) : template;
      const title = seed.title ?? `Seeded issue ${this.state.issues.length + 1}`;
      views.push(new FakeIssueView(this.state, this.state.createIssue({ ...seed, title })));
    }
    return views;
  }

  issue(number: number): FakeIssue {
    const record = this.record(number);
    return record.pull ? new FakePullView(this.state, record) : new FakeIssueView(this.state, record);
  }

  issues(): FakeIssue[] {
    return this.state.issues.map((record) => this.issue(record.number));
  }

  closeIssue(number: number, reason: "completed" | "not_planned" = "completed"): void {
    this.state.setState(this.record(number), "closed", reason);
  }

  reopenIssue(number: number): void {
    this.state.setState(this.record(number), "open", "reopened");
  }

  setIssueLabels(number: number, labels: string[]): void {
    this.state.setLabels(this.record(number), labels);
  }

  setAssignees(number: number, logins: string[]): void {
    this.state.setAssignees(this.record(number), logins);
  }

  addComment(number: number, author: string, body: string): FakeComment {
    const comment = this.state.addComment(this.record(number), author, body);
    return { author: comment.author, body: comment.body };
  }

  editIssue(number: number, changes: { title?: string; body?: string }, editor: string): void {
    this.state.editText(this.record(number), changes, editor);
  }

  addIssueLabels(number: number, labels: string[], actor: string): void {
    this.state.addLabels(this.record(number), labels, actor);
  }

  async createPull(seed: PullSeed): Promise<FakePull> {
    const record = await this.state.mutex.run(() => openPull(this.state, seed));
    return new FakePullView(this.state, record);
  }

  pulls(): FakePull[] {
    return this.state.issues.filter((record) => record.pull).map((record) => new FakePullView(this.state, record));
  }

  pull(number: number): FakePull {
    return new FakePullView(this.state, this.pullRecord(number));
  }

  /** Merged by the repository owner, as if they pressed the button. */
  mergePull(number: number, options: { method?: MergeMethod } = {}): Promise<MergeResult> {
    return this.state.mutex.run(() =>
      asPerson(() => mergePullRequest(this.state, this.pullRecord(number), { merger: this.state.owner, ...options })),
    );
  }

  closePull(number: number): void {
    const record = this.pullRecord(number);
    if (!record.pull.merged) this.state.setState(record, "closed", null);
  }

  addReview(number: number, seed: ReviewSeed): Promise<FakeReview> {
    return reviews.addReview(this.state, this.pullRecord(number), seed);
  }

  dismissReview(number: number, reviewId: number): void {
    reviews.dismissReview(this.state, this.pullRecord(number), reviewId);
  }

  addReviewComment(number: number, seed: ReviewCommentSeed): Promise<FakeReviewComment> {
    return reviews.addComment(this.state, this.pullRecord(number), seed);
  }

  requestReviewers(number: number, logins: string[]): void {
    reviews.requestReviews(this.state, this.pullRecord(number), logins);
  }

  setCommitStatus(sha: string, state: CommitState, context = "default", options: CommitStatusOptions = {}): void {
    this.state.statuses.add(sha, state, context, options);
  }

  addCheckRun(seed: CheckRunSeed): Promise<FakeCheckRun> {
    return ci.addCheckRun(this.state, seed);
  }

  updateCheckRun(id: number, patch: CheckRunPatch): FakeCheckRun {
    return ci.updateCheckRun(this.state, id, patch);
  }

  checkRuns(): FakeCheckRun[] {
    return this.state.ci.checkRuns.map(ci.checkRunView);
  }

  addWorkflowRun(seed: WorkflowRunSeed): Promise<FakeWorkflowRun> {
    return ci.addWorkflowRun(this.state, seed);
  }

  addWorkflowJob(runId: number, seed: WorkflowJobSeed): FakeWorkflowRun {
    return ci.addWorkflowJob(this.state, runId, seed);
  }

  updateWorkflowJob(jobId: number, patch: WorkflowJobPatch): void {
    ci.updateWorkflowJob(this.state, jobId, patch);
  }

  setActionsLogAccess(allowed: boolean, login?: string): void {
    this.state.ci.setLogAccess(allowed, login);
  }

  settings(): RepoSettings {
    return { ...this.state.settings };
  }

  updateSettings(patch: Partial<RepoSettings>): RepoSettings {
    this.state.settings = { ...this.state.settings, ...patch };
    return this.settings();
  }

  setBranchProtection(branch: string, protection: BranchProtectionSeed | null): void {
    if (protection === null) this.state.protections.delete(branch);
    else this.state.protections.set(branch, protectionRecord(protection));
  }

  addBlockedBy(number: number, blocker: number): void {
    this.state.addBlockedBy(this.record(number), this.record(blocker));
  }

  addSubIssue(parent: number, child: number): void {
    this.state.addSubIssue(this.record(parent), this.record(child));
  }

  setIssueRelations(enabled: boolean): void {
    this.state.issueRelations = enabled;
  }

  setMergeabilityDelay(enabled: boolean): void {
    this.state.mergeabilityDelay = enabled;
  }

  setPermission(login: string, level: PermissionLevel | "none"): void {
    this.state.setPermission(login, level);
  }

  permissionOf(login: string): PermissionLevel | "none" {
    return this.state.permissionOf(login);
  }
}
