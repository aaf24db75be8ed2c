/** A pull request as the tool hands it on: enough to name it and link to it. */
export interface PullRequestRef {
  number: number;
  url: string;
}
