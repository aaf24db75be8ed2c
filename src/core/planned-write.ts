/**
 * One write a command would make, as data (design §4: `--dry-run` prints each planned GitHub and
 * git write). The planners build these from their plans; `src/cli/render/render-writes.ts` words
 * them for people and `--json` lists them as they are, with that wording added.
 */
export type PlannedWrite = GitHubWrite | GitWrite | LocalWrite;

export type GitHubWrite =
  | { system: "github"; action: "create-lease-commit"; agent: string; login: string }
  | {
      system: "github";
      action: "create-ref";
      ref: string;
      issue: number;
      /** How many queued issues would be tried in turn should another agent win this one. */
      candidates: number;
    }
  /** Labels and assignees replaced in one write (a claim made or released). */
  | { system: "github"; action: "set-marks"; issue: number; labels: string[]; assignees: string[] }
  /** Labels added and removed one by one, keeping any a person adds meanwhile. */
  | { system: "github"; action: "set-labels"; issue: number; add: string[]; remove: string[] }
  | {
      system: "github";
      action: "open-pull-request";
      title: string;
      head: string;
      base: string;
      draft: boolean;
      /** The issue the body closes. */
      closes: number;
    }
  | { system: "github"; action: "reuse-pull-request"; number: number }
  /** `number` is null while the pull request is yet to be opened. */
  | { system: "github"; action: "label-pull-request"; number: number | null; add: string[] }
  | { system: "github"; action: "delete-ref"; ref: string; issue: number }
  /** A comment on an issue or pull request: `purpose` says which (a rework round's summary). */
  | { system: "github"; action: "create-comment"; number: number; purpose: "rework-summary" }
  /** Ask these people to review a pull request again. */
  | { system: "github"; action: "request-reviewers"; number: number; reviewers: string[] }
  | { system: "github"; action: "create-label"; name: string; color: string }
  | { system: "github"; action: "update-label"; currentName: string; name: string; changes: string[] };

export type GitWrite =
  | { system: "git"; action: "fetch"; remote: string; branch: string }
  | { system: "git"; action: "create-branch"; branch: string; startPoint: string }
  | { system: "git"; action: "add-worktree"; path: string; branch: string; startPoint: string }
  /** `commits` is null when how many is not known yet (the agent has not run). */
  | { system: "git"; action: "push"; remote: string; branch: string; commits: number | null }
  | { system: "git"; action: "checkout"; branch: string }
  /** Bring a local branch level with its remote: a fast-forward, or local commits replayed onto it. */
  | { system: "git"; action: "update-branch"; branch: string; upstream: string }
  /** Merge `upstream` into the checked-out branch (a conflict is left in progress). */
  | { system: "git"; action: "merge"; branch: string; upstream: string }
  | { system: "git"; action: "delete-branch"; branch: string };

/** Not GitHub or git, but part of the plan: a command run, a file of the checkout written. */
export type LocalWrite =
  | { system: "local"; action: "run"; command: string[]; purpose: "verify" | "agent" }
  | { system: "local"; action: "write-file"; path: string; change: "create" | "update" };
