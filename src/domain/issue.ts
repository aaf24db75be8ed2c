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
}
