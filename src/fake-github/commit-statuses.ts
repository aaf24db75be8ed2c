import type { StatusRecord } from "./records.js";
import type { CommitState, CommitStatusOptions } from "./types.js";

/** Every status ever posted per sha, oldest first; the combined status reads the latest per context. */
export class CommitStatuses {
  private readonly bySha = new Map<string, StatusRecord[]>();

  constructor(
    private readonly nextId: () => number,
    private readonly defaultCreator: () => string,
  ) {}

  add(sha: string, state: CommitState, context: string, options: CommitStatusOptions = {}): StatusRecord {
    const status: StatusRecord = {
      id: this.nextId(),
      state,
      context,
      description: options.description ?? null,
      targetUrl: options.targetUrl ?? null,
      creator: options.creator ?? this.defaultCreator(),
      createdAt: Date.now(),
    };
    const list = this.bySha.get(sha) ?? [];
    list.push(status);
    this.bySha.set(sha, list);
    return status;
  }

  /** Newest first, as `GET /commits/{ref}/statuses` lists them. */
  history(sha: string): StatusRecord[] {
    return [...(this.bySha.get(sha) ?? [])].reverse();
  }

  /** The newest status of each context, newest first, as the combined status lists them. */
  latest(sha: string): StatusRecord[] {
    const latest = new Map<string, StatusRecord>();
    for (const status of this.bySha.get(sha) ?? []) latest.set(status.context, status);
    return [...latest.values()].sort((a, b) => b.id - a.id);
  }
}
