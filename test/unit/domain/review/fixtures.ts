import type {
  CheckRunFact,
  CommitStatusFact,
  ConversationCommentFact,
  PermissionLevel,
  ReviewCommentFact,
  ReviewFact,
  ReviewedPullFact,
} from "../../../../src/domain/review/facts.js";

/** The pull request `agent001` opened for issue #12 of acme/widgets, as the review watch sees it. */
export const HEAD = "5f2c9e1a7b3d4c6e8f0a1b2c3d4e5f6a7b8c9d0e";
export const OLD_HEAD = "0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b";
/** The loop's last push. */
export const PUSHED_AT = new Date("2026-03-02T10:00:00Z");

export function pull(overrides: Partial<ReviewedPullFact> = {}): ReviewedPullFact {
  return {
    number: 31,
    url: "https://github.com/acme/widgets/pull/31",
    title: "Fix the login redirect loop",
    issueNumber: 12,
    headBranch: "agent001/12-fix-the-login",
    headSha: HEAD,
    baseBranch: "main",
    labels: ["route:review"],
    draft: false,
    mergeable: true,
    mergeableState: "clean",
    requestedReviewers: [],
    updatedAt: new Date("2026-03-02T10:05:00Z"),
    ...overrides,
  };
}

let nextId = 9000;

export function run(name: string, overrides: Partial<CheckRunFact> = {}): CheckRunFact {
  const id = nextId++;
  return {
    id,
    name,
    status: "completed",
    conclusion: "success",
    app: "github-actions",
    output: { title: "", summary: "", text: "" },
    detailsUrl: `https://github.com/acme/widgets/actions/runs/7001/job/${id}`,
    actionsJobId: id,
    ...overrides,
  };
}

export function status(context: string, state: CommitStatusFact["state"], description = ""): CommitStatusFact {
  return { context, state, description, targetUrl: `https://ci.example.com/acme/widgets/${context}` };
}

export function review(
  author: string,
  state: ReviewFact["state"],
  at: string,
  overrides: Partial<ReviewFact> = {},
): ReviewFact {
  return {
    id: nextId++,
    author,
    state,
    commitId: HEAD,
    submittedAt: new Date(at),
    body: "",
    ...overrides,
  };
}

export function lineComment(
  author: string,
  body: string,
  at: string,
  overrides: Partial<ReviewCommentFact> = {},
): ReviewCommentFact {
  const id = nextId++;
  return {
    id,
    author,
    path: "src/auth/redirect.ts",
    line: 42,
    diffHunk:
      "@@ -38,6 +38,9 @@ export function redirectAfterLogin(req: Request) {\n   const target = req.query.next;\n+  if (!target) return '/';\n+  return target;",
    body,
    createdAt: new Date(at),
    url: `https://github.com/acme/widgets/pull/31#discussion_r${id}`,
    ...overrides,
  };
}

export function conversationComment(author: string, body: string, at: string): ConversationCommentFact {
  const id = nextId++;
  return {
    id,
    author,
    body,
    createdAt: new Date(at),
    url: `https://github.com/acme/widgets/pull/31#issuecomment-${id}`,
  };
}

/** owner and maintainer may push; a drive-by commenter and a triager may not. */
export const PERMISSIONS: Record<string, PermissionLevel> = {
  owner: "admin",
  maintainer: "maintain",
  dev: "write",
  triager: "triage",
  stranger: "read",
  "my-little-soda-bot": "write",
};

export function permissionOf(login: string): PermissionLevel {
  return PERMISSIONS[login] ?? "none";
}
