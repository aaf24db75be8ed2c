import type { IssuePage, OpenIssueQuery } from "../../src/core/ports.js";
import type { QueueSource } from "../../src/core/read-queue.js";
import type { BlockerFact } from "../../src/domain/dependencies.js";
import type { Issue } from "../../src/domain/issue.js";

/**
 * A fake queue source we own, for unit tests of the queue read: it pages like GitHub and
 * records every call so tests can count them.
 */
export class InMemoryTracker implements QueueSource {
  readonly calls: string[] = [];
  /** GitHub's issue dependencies: issue number → the numbers of the issues blocking it. */
  readonly blockedBy = new Map<number, number[]>();
  constructor(
    public issues: Issue[],
    private readonly login = "me",
  ) {}

  async getViewer() {
    this.calls.push("getViewer");
    return { login: this.login };
  }

  /** Like GitHub's GraphQL answer: null for a number that is neither an issue nor a pull request. */
  async readIssueStates(numbers: readonly number[]): Promise<Map<number, BlockerFact | null>> {
    this.calls.push(`readIssueStates ${numbers.join(",")}`);
    return new Map(
      numbers.map((number) => {
        const issue = this.issues.find((candidate) => candidate.number === number);
        const fact = issue && {
          number,
          open: issue.state === "open",
          isPullRequest: issue.isPullRequest,
          labels: issue.labels,
        };
        return [number, fact ?? null];
      }),
    );
  }

  async listOpenBlockers(issueNumber: number): Promise<Issue[] | undefined> {
    this.calls.push(`listOpenBlockers ${issueNumber}`);
    const numbers = this.blockedBy.get(issueNumber) ?? [];
    return this.issues.filter((issue) => numbers.includes(issue.number) && issue.state === "open");
  }

  async listOpenIssues(query: OpenIssueQuery): Promise<IssuePage> {
    this.calls.push(`listOpenIssues ${query.labels.join(",")} p${query.page ?? 1}`);
    const matching = this.issues
      .filter((issue) => issue.state === "open" && query.labels.every((label) => issue.labels.includes(label)))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.number - b.number);
    const start = ((query.page ?? 1) - 1) * query.perPage;
    return {
      issues: matching.slice(start, start + query.perPage),
      hasNextPage: matching.length > start + query.perPage,
    };
  }
}

let clock = Date.UTC(2026, 0, 1);
export function makeIssue(number: number, labels: string[], extra: Partial<Issue> = {}): Issue {
  clock += 60_000;
  return {
    number,
    title: `Issue ${number}`,
    body: "",
    state: "open",
    labels,
    assignees: [],
    isPullRequest: false,
    createdAt: new Date(clock),
    updatedAt: new Date(clock),
    url: `https://github.test/o/r/issues/${number}`,
    ...extra,
  };
}
