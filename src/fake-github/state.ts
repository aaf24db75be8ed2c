import { BareRepo } from "./bare-repo.js";
import { CiState } from "./ci-state.js";
import { CommitStatuses } from "./commit-statuses.js";
import { notFound, validationFailed } from "./errors.js";
import { GitAnswerCache } from "./git-answer-cache.js";
import { Mutex } from "./mutex.js";
import { DEFAULT_SETTINGS, type ProtectionRecord } from "./protection.js";
import type { CommentRecord, IssueRecord, LabelRecord, PullRecord } from "./records.js";
import type { IssueSeed, IssueState, PermissionLevel } from "./types.js";
import type { RepoSettings } from "./types-policy.js";
import type { World } from "./world.js";

// The in-memory model of one repository. Both the HTTP routes and the FakeRepo helpers mutate it
// only through these methods, so "any mutation bumps updated_at" holds everywhere.

export type {
  CommentRecord,
  IssueRecord,
  LabelRecord,
  PullRecord,
  ReviewCommentRecord,
  ReviewRecord,
  StatusRecord,
} from "./records.js";

export const AUTO_LABEL_COLOR = "ededed";

const byCreated = (a: IssueRecord, b: IssueRecord): number => a.createdAt - b.createdAt || a.number - b.number;

export class RepoState {
  readonly id: number;
  readonly bare: BareRepo;
  readonly mutex = new Mutex();
  readonly fullName: string;
  readonly labelsById = new Map<number, LabelRecord>();
  private readonly labelsByName = new Map<string, LabelRecord>();
  /** Index `number - 1`: issue and pull request numbers share one sequence and never have gaps. */
  readonly issues: IssueRecord[] = [];
  readonly statuses: CommitStatuses;
  readonly ci: CiState;
  settings: RepoSettings = { ...DEFAULT_SETTINGS };
  readonly protections = new Map<string, ProtectionRecord>();
  /** Whether this server has GitHub's issue dependencies and sub-issues (older Enterprise servers do not). */
  issueRelations = true;
  /** See FakeRepo.setMergeabilityDelay. */
  mergeabilityDelay = false;
  /** Merge trees and diffs of immutable shas, so listing pull requests stays cheap. */
  readonly gitAnswers: GitAnswerCache;
  private readonly permissions = new Map<string, PermissionLevel>();
  /** Issues sorted oldest first, kept so listing 10,000 issues never sorts on the request path. */
  private createdOrder: IssueRecord[] | null = [];

  constructor(
    readonly world: World,
    readonly owner: string,
    readonly name: string,
    readonly defaultBranch: string,
    readonly isPrivate: boolean,
    bareRepoPath: string,
  ) {
    this.id = world.nextId();
    this.fullName = `${owner}/${name}`;
    this.bare = new BareRepo(bareRepoPath);
    this.ci = new CiState(() => world.nextId(), world.apps);
    this.statuses = new CommitStatuses(
      () => world.nextId(),
      () => world.users.canonical(owner),
    );
    this.gitAnswers = new GitAnswerCache(this.bare);
  }

  permissionOf(login: string): PermissionLevel | "none" {
    if (login.toLowerCase() === this.owner.toLowerCase()) return "admin";
    return this.permissions.get(login.toLowerCase()) ?? (this.isPrivate ? "none" : "read");
  }

  setPermission(login: string, level: PermissionLevel | "none"): void {
    if (level === "none") this.permissions.delete(login.toLowerCase());
    else this.permissions.set(login.toLowerCase(), level);
  }

  canPush(login: string): boolean {
    const level = this.permissionOf(login);
    return level === "write" || level === "admin";
  }

  /** Someone given access explicitly (or the owner): on a public repository, readers are not. */
  isCollaborator(login: string): boolean {
    return login.toLowerCase() === this.owner.toLowerCase() || this.permissions.has(login.toLowerCase());
  }

  /** GitHub's word for a login's relation to the repository, on issues, comments and reviews. */
  authorAssociation(login: string): string {
    if (login.toLowerCase() === this.owner.toLowerCase()) return "OWNER";
    return this.canPush(login) ? "COLLABORATOR" : "NONE";
  }

  // ---- labels -------------------------------------------------------------------------------

  findLabel(name: string): LabelRecord | undefined {
    return this.labelsByName.get(name.toLowerCase());
  }

  labelList(): LabelRecord[] {
    return [...this.labelsById.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Callers check for duplicates first: GitHub answers 422 there, while seeding may overwrite. */
  createLabel(name: string, color: string, description: string | null): LabelRecord {
    const label: LabelRecord = {
      id: this.world.nextId(),
      name,
      color: color.replace(/^#/, "").toLowerCase(),
      description,
    };
    this.labelsById.set(label.id, label);
    this.labelsByName.set(name.toLowerCase(), label);
    return label;
  }

  /** GitHub creates unknown labels on the fly when they are put on an issue. */
  ensureLabel(name: string): LabelRecord {
    return this.findLabel(name) ?? this.createLabel(name, AUTO_LABEL_COLOR, null);
  }

  updateLabel(label: LabelRecord, changes: { name?: string; color?: string; description?: string | null }): void {
    if (changes.name !== undefined) {
      this.labelsByName.delete(label.name.toLowerCase());
      label.name = changes.name;
      this.labelsByName.set(label.name.toLowerCase(), label);
    }
    if (changes.color !== undefined) label.color = changes.color.replace(/^#/, "").toLowerCase();
    if (changes.description !== undefined) label.description = changes.description;
  }

  deleteLabel(label: LabelRecord): void {
    this.labelsById.delete(label.id);
    this.labelsByName.delete(label.name.toLowerCase());
    const now = Date.now();
    for (const issue of this.issues) {
      if (issue.labelIds.includes(label.id)) {
        issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
        issue.updatedAt = now;
      }
    }
  }

  labelNames(issue: IssueRecord): string[] {
    return issue.labelIds.map((id) => this.labelsById.get(id)?.name ?? "");
  }

  // ---- issues -------------------------------------------------------------------------------

  issue(number: number): IssueRecord | undefined {
    return Number.isInteger(number) && number >= 1 ? this.issues[number - 1] : undefined;
  }

  requireIssue(number: number): IssueRecord {
    const issue = this.issue(number);
    if (!issue) throw notFound();
    return issue;
  }

  createIssue(seed: IssueSeed, pull: PullRecord | null = null): IssueRecord {
    const now = Date.now();
    const createdAt = seed.createdAt?.getTime() ?? now;
    // An issue seeded "in the past" was last touched now, never before it existed.
    const updatedAt = Math.max(createdAt, now);
    const state = seed.state ?? "open";
    const issue: IssueRecord = {
      id: this.world.nextId(),
      number: this.issues.length + 1,
      title: seed.title,
      body: seed.body ?? null,
      state,
      stateReason: state === "closed" ? "completed" : null,
      labelIds: this.labelIdsFor(seed.labels ?? []),
      assignees: dedupe((seed.assignees ?? []).map((login) => this.world.users.canonical(login))),
      author: seed.author ?? this.owner,
      createdAt,
      updatedAt,
      closedAt: state === "closed" ? updatedAt : null,
      comments: [],
      events: [],
      bodyEdits: [],
      pull,
      blockedBy: [],
      blocking: [],
      parent: null,
      subIssues: [],
    };
    // GitHub records labels given at creation as `labeled` events. It drops those of someone who
    // may not label; a seeded issue's labels then stand for the owner putting them on.
    const labeller =
      this.permissionOf(issue.author) === "read" || this.permissionOf(issue.author) === "none"
        ? this.owner
        : issue.author;
    for (const id of issue.labelIds) {
      const label = this.labelsById.get(id)?.name;
      if (label) issue.events.push({ id: this.world.nextId(), event: "labeled", actor: labeller, label, createdAt });
    }
    this.issues.push(issue);
    const order = this.createdOrder;
    const last = order?.[order.length - 1];
    if (order && (!last || byCreated(last, issue) <= 0)) order.push(issue);
    else this.createdOrder = null;
    return issue;
  }

  /** GitHub refuses a dependency on itself, a duplicate, and a cycle of two. */
  addBlockedBy(issue: IssueRecord, blocker: IssueRecord): void {
    if (issue === blocker || issue.blockedBy.includes(blocker.number) || blocker.blockedBy.includes(issue.number))
      throw validationFailed({ resource: "IssueDependency", code: "invalid", field: "issue_id" });
    issue.blockedBy.push(blocker.number);
    blocker.blocking.push(issue.number);
    this.touch(issue);
  }

  removeBlockedBy(issue: IssueRecord, blocker: IssueRecord): boolean {
    if (!issue.blockedBy.includes(blocker.number)) return false;
    issue.blockedBy = issue.blockedBy.filter((number) => number !== blocker.number);
    blocker.blocking = blocker.blocking.filter((number) => number !== issue.number);
    this.touch(issue);
    return true;
  }

  /** An issue has at most one parent, as on GitHub (`replace_parent` moves it). */
  addSubIssue(parent: IssueRecord, child: IssueRecord): void {
    if (parent === child || child.parent !== null || child.pull)
      throw validationFailed({ resource: "SubIssue", code: "invalid", field: "sub_issue_id" });
    child.parent = parent.number;
    parent.subIssues.push(child.number);
    this.touch(parent);
  }

  sortedByCreated(): IssueRecord[] {
    if (!this.createdOrder) this.createdOrder = [...this.issues].sort(byCreated);
    return this.createdOrder;
  }

  touch(issue: IssueRecord): void {
    issue.updatedAt = Date.now();
  }

  /** `actor` is who did it, for the issue's events; a person on github.com (the owner) by default. */
  setLabels(issue: IssueRecord, names: string[], actor = this.owner): void {
    this.changeLabels(issue, this.labelIdsFor(names), actor);
  }

  addLabels(issue: IssueRecord, names: string[], actor = this.owner): void {
    const ids = this.labelIdsFor(names).filter((id) => !issue.labelIds.includes(id));
    this.changeLabels(issue, [...issue.labelIds, ...ids], actor);
  }

  /** False when the label is not on the issue (GitHub's "Label does not exist"). */
  removeLabel(issue: IssueRecord, name: string, actor = this.owner): boolean {
    const label = this.findLabel(name);
    if (!label || !issue.labelIds.includes(label.id)) return false;
    this.changeLabels(
      issue,
      issue.labelIds.filter((id) => id !== label.id),
      actor,
    );
    return true;
  }

  /** Set the labels and record a labeled / unlabeled event for each change, as GitHub does. */
  private changeLabels(issue: IssueRecord, next: number[], actor: string): void {
    const now = Date.now();
    const event = (kind: "labeled" | "unlabeled", id: number) => {
      const label = this.labelsById.get(id)?.name;
      if (label) issue.events.push({ id: this.world.nextId(), event: kind, actor, label, createdAt: now });
    };
    for (const id of issue.labelIds) if (!next.includes(id)) event("unlabeled", id);
    for (const id of next) if (!issue.labelIds.includes(id)) event("labeled", id);
    issue.labelIds = next;
    this.touch(issue);
  }

  /** A title change is a `renamed` event; a body change an entry in the edit history, as on GitHub. */
  editText(issue: IssueRecord, changes: { title?: string; body?: string | null }, editor: string): void {
    const now = Date.now();
    const { title, body } = changes;
    if (title !== undefined && title !== issue.title) {
      const rename = { from: issue.title, to: title };
      issue.events.push({ id: this.world.nextId(), event: "renamed", actor: editor, rename, createdAt: now });
      issue.title = title;
    }
    if (body !== undefined && body !== issue.body) {
      // GitHub's history starts with the original text, by its author, once there is an edit.
      if (issue.bodyEdits.length === 0) issue.bodyEdits.push({ editor: issue.author, editedAt: issue.createdAt });
      issue.bodyEdits.push({ editor, editedAt: now });
      issue.body = body;
    }
    this.touch(issue);
  }

  setAssignees(issue: IssueRecord, logins: string[]): void {
    issue.assignees = dedupe(logins.map((login) => this.world.users.canonical(login)));
    this.touch(issue);
  }

  setState(issue: IssueRecord, state: IssueState, reason?: string | null): void {
    if (state === "closed") {
      if (issue.state !== "closed") issue.closedAt = Date.now();
      issue.stateReason = reason ?? "completed";
    } else {
      if (issue.state === "closed") issue.stateReason = reason ?? "reopened";
      issue.closedAt = null;
    }
    issue.state = state;
    this.touch(issue);
  }

  addComment(issue: IssueRecord, author: string, body: string): CommentRecord {
    const now = Date.now();
    const comment: CommentRecord = { id: this.world.nextId(), author, body, createdAt: now, updatedAt: now };
    issue.comments.push(comment);
    this.touch(issue);
    return comment;
  }

  private labelIdsFor(names: string[]): number[] {
    return dedupe(names.map((name) => this.ensureLabel(name).id));
  }
}

function dedupe<T>(values: T[]): T[] {
  return [...new Set(values)];
}
