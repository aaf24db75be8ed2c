import type { IssuePage, IssueTracker, OpenIssueQuery } from "../../src/core/ports.js";
import type { Issue } from "../../src/domain/issue.js";

/**
 * A fake `IssueTracker` we own, for unit tests of use cases. It pages like GitHub and counts
 * calls; anything a test did not set up throws, so an unexpected call fails the test.
 */
export class InMemoryTracker implements IssueTracker {
  readonly calls: string[] = [];
  constructor(
    public issues: Issue[],
    private readonly login = "me",
  ) {}

  async getViewer() {
    this.calls.push("getViewer");
    return { login: this.login };
  }

  async listOpenIssues(query: OpenIssueQuery): Promise<IssuePage> {
    this.calls.push(`listOpenIssues ${query.labels.join(",")} p${query.page ?? 1}`);
    const matching = this.issues
      .filter((issue) => issue.state === "open" && query.labels.every((label) => issue.labels.includes(label)))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.number - b.number);
    const start = ((query.page ?? 1) - 1) * query.perPage;
    return { issues: matching.slice(start, start + query.perPage), hasNextPage: matching.length > start + query.perPage };
  }

  getRepository(): never {
    throw new Error("unexpected call: getRepository");
  }
  getRateLimit(): never {
    throw new Error("unexpected call: getRateLimit");
  }
  listLabels(): never {
    throw new Error("unexpected call: listLabels");
  }
  createLabel(): never {
    throw new Error("unexpected call: createLabel");
  }
  updateLabel(): never {
    throw new Error("unexpected call: updateLabel");
  }
  listClaimRefs(): never {
    throw new Error("unexpected call: listClaimRefs");
  }
  getIssue(): never {
    throw new Error("unexpected call: getIssue");
  }
  listOpenPullRequestsWithLabel(): never {
    throw new Error("unexpected call: listOpenPullRequestsWithLabel");
  }
  getReviewState(): never {
    throw new Error("unexpected call: getReviewState");
  }
  getCheckState(): never {
    throw new Error("unexpected call: getCheckState");
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
