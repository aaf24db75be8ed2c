import type { IssueRecord, RepoState } from "./state.js";

// The filters and sort orders of `GET /issues` and `GET /pulls`. Built to answer in a few ms over
// 10,000 issues: the creation order is precomputed and only the surviving issues are copied.

type Order = (a: IssueRecord, b: IssueRecord) => number;

const stateFilter = (state: string | undefined): ((issue: IssueRecord) => boolean) => {
  if (state === "all") return () => true;
  const wanted = state === "closed" ? "closed" : "open";
  return (issue) => issue.state === wanted;
};

function ordered(
  repo: RepoState,
  keep: (issue: IssueRecord) => boolean,
  ascending: boolean,
  order?: Order,
): IssueRecord[] {
  if (!order) {
    const result = repo.sortedByCreated().filter(keep);
    return ascending ? result : result.reverse();
  }
  const result = repo.issues.filter(keep).sort(order);
  return ascending ? result : result.reverse();
}

export function queryIssues(repo: RepoState, query: Record<string, string>): IssueRecord[] {
  const matchesState = stateFilter(query["state"]);
  const checks: Array<(issue: IssueRecord) => boolean> = [matchesState];

  if (query["labels"] !== undefined && query["labels"].trim() !== "") {
    const names = query["labels"]
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "");
    const ids: number[] = [];
    for (const name of names) {
      const label = repo.findLabel(name);
      if (!label) return [];
      ids.push(label.id);
    }
    checks.push((issue) => ids.every((id) => issue.labelIds.includes(id)));
  }

  const assignee = query["assignee"];
  if (assignee === "none") checks.push((issue) => issue.assignees.length === 0);
  else if (assignee === "*") checks.push((issue) => issue.assignees.length > 0);
  else if (assignee !== undefined && assignee !== "") {
    const wanted = assignee.toLowerCase();
    checks.push((issue) => issue.assignees.some((login) => login.toLowerCase() === wanted));
  }

  const creator = query["creator"]?.toLowerCase();
  if (creator) checks.push((issue) => issue.author.toLowerCase() === creator);

  const since = query["since"] === undefined ? Number.NaN : Date.parse(query["since"]);
  if (!Number.isNaN(since)) checks.push((issue) => issue.updatedAt >= since);

  const keep = (issue: IssueRecord): boolean => checks.every((check) => check(issue));
  const ascending = query["direction"] === "asc";
  const sort = query["sort"] ?? "created";
  if (sort === "updated")
    return ordered(repo, keep, ascending, (a, b) => a.updatedAt - b.updatedAt || a.number - b.number);
  if (sort === "comments") {
    return ordered(repo, keep, ascending, (a, b) => a.comments.length - b.comments.length || a.number - b.number);
  }
  return ordered(repo, keep, ascending);
}

/** `head` is "owner:branch" on GitHub; a bare branch name is accepted too. */
export function queryPulls(repo: RepoState, query: Record<string, string>): IssueRecord[] {
  const matchesState = stateFilter(query["state"]);
  const head = query["head"];
  const [headOwner, headRef] = head?.includes(":") ? head.split(/:(.*)/s) : [undefined, head];
  const base = query["base"];
  const keep = (issue: IssueRecord): boolean => {
    const pull = issue.pull;
    if (!pull || !matchesState(issue)) return false;
    if (headRef !== undefined && headRef !== "" && pull.headRef !== headRef) return false;
    if (headOwner !== undefined && headOwner.toLowerCase() !== pull.headOwner.toLowerCase()) return false;
    return base === undefined || base === "" || pull.baseRef === base;
  };
  const sort = query["sort"] ?? "created";
  // GitHub: descending by default for `created`, ascending for the other sorts.
  const ascending = query["direction"] === undefined ? sort !== "created" : query["direction"] === "asc";
  if (sort === "updated")
    return ordered(repo, keep, ascending, (a, b) => a.updatedAt - b.updatedAt || a.number - b.number);
  if (sort === "popularity") {
    return ordered(repo, keep, ascending, (a, b) => a.comments.length - b.comments.length || a.number - b.number);
  }
  if (sort === "long-running") {
    const age = (issue: IssueRecord): number =>
      (issue.state === "open" ? Date.now() : (issue.closedAt ?? 0)) - issue.createdAt;
    return ordered(repo, keep, ascending, (a, b) => age(a) - age(b) || a.number - b.number);
  }
  return ordered(repo, keep, ascending);
}
