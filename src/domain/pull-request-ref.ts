/** A pull request as the tool refers to it in results, events and reports. */
export interface PullRequestRef {
  number: number;
  url: string;
}
