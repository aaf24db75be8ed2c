/** An issue as the tool sees it, whatever API it came from. */
export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  assignees: string[];
  isPullRequest: boolean;
  createdAt: Date;
  updatedAt: Date;
  url: string;
  /**
   * GitHub's issue dependencies and sub-issues, as counted on the issue itself; undefined where the
   * server has neither (then only "blocked by #N" lines in the body can say an issue must wait).
   */
  relations?: IssueRelations;
}

export interface IssueRelations {
  /** Open issues this one is blocked by (GitHub's `issue_dependencies_summary.blocked_by`). */
  openBlockers: number;
  /** Sub-issues not yet completed (`sub_issues_summary.total - completed`). */
  openSubIssues: number;
}
