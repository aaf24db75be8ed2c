import { z } from "zod";

/** The fields of GitHub's review-phase payloads we rely on (design §11), checked at the edge. */

const user = z.object({ login: z.string() }).nullable();
const time = z.string();

export const pullListItemSchema = z.object({
  number: z.number().int(),
  html_url: z.string(),
  title: z.string(),
  draft: z.boolean().optional(),
  user,
  labels: z.array(z.object({ name: z.string() })),
  head: z.object({ ref: z.string(), sha: z.string() }),
  base: z.object({ ref: z.string() }),
  updated_at: time,
});

export const recentPullSchema = pullListItemSchema.extend({
  state: z.enum(["open", "closed"]),
  created_at: time,
  merged_at: z.string().nullable().optional(),
  closed_at: z.string().nullable().optional(),
});

export const pullDetailSchema = pullListItemSchema.extend({
  state: z.enum(["open", "closed"]),
  merged: z.boolean().nullable().optional(),
  merged_at: z.string().nullable().optional(),
  body: z.string().nullable().optional(),
  mergeable: z.boolean().nullable().optional(),
  mergeable_state: z.string().optional(),
  requested_reviewers: z
    .array(z.object({ login: z.string() }))
    .nullable()
    .optional(),
});

export const checkRunsSchema = z.object({
  check_runs: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      status: z.string(),
      conclusion: z.string().nullable().optional(),
      details_url: z.string().nullable().optional(),
      html_url: z.string().nullable().optional(),
      app: z.object({ slug: z.string().optional() }).nullable().optional(),
      output: z
        .object({
          title: z.string().nullable().optional(),
          summary: z.string().nullable().optional(),
          text: z.string().nullable().optional(),
        })
        .nullable()
        .optional(),
    }),
  ),
});

export const combinedStatusesSchema = z.object({
  statuses: z.array(
    z.object({
      context: z.string(),
      state: z.string(),
      description: z.string().nullable().optional(),
      target_url: z.string().nullable().optional(),
    }),
  ),
});

export const reviewsSchema = z.array(
  z.object({
    id: z.number().int(),
    user,
    state: z.string(),
    commit_id: z.string().nullable().optional(),
    submitted_at: z.string().nullable().optional(),
    body: z.string().nullable().optional(),
  }),
);

export const reviewCommentsSchema = z.array(
  z.object({
    id: z.number().int(),
    user,
    path: z.string(),
    line: z.number().int().nullable().optional(),
    original_line: z.number().int().nullable().optional(),
    diff_hunk: z.string().nullable().optional(),
    body: z.string(),
    created_at: time,
    html_url: z.string(),
  }),
);

export const issueCommentsSchema = z.array(
  z.object({
    id: z.number().int(),
    user,
    body: z.string().nullable().optional(),
    created_at: time,
    html_url: z.string(),
  }),
);

export const permissionSchema = z.object({
  permission: z.string(),
  role_name: z.string().optional(),
});

/** `GET /branches/{branch}`: readable by anyone who can read the repository, and cacheable. */
export const branchSummarySchema = z.object({ protected: z.boolean().optional() });

export const protectionSchema = z.object({
  required_status_checks: z
    .object({
      strict: z.boolean().optional(),
      contexts: z.array(z.string()).optional(),
      checks: z.array(z.object({ context: z.string() })).optional(),
    })
    .nullable()
    .optional(),
  required_pull_request_reviews: z
    .object({ required_approving_review_count: z.number().int().optional() })
    .nullable()
    .optional(),
});

export const mergeSettingsSchema = z.object({
  allow_merge_commit: z.boolean().optional(),
  allow_squash_merge: z.boolean().optional(),
  allow_rebase_merge: z.boolean().optional(),
  delete_branch_on_merge: z.boolean().optional(),
});

export const issueEventsSchema = z.array(
  z.object({
    id: z.number().int(),
    event: z.string(),
    actor: user,
    label: z.object({ name: z.string() }).nullable().optional(),
    created_at: time,
  }),
);

/** GraphQL: the edit history of an issue's body (REST has none). */
export const bodyEditsSchema = z.object({
  repository: z.object({
    issue: z
      .object({
        author: user.optional(),
        userContentEdits: z
          .object({
            totalCount: z.number().int(),
            nodes: z.array(z.object({ editedAt: time, editor: user.optional() }).nullable()).nullable(),
          })
          .nullable(),
      })
      .nullable(),
  }),
});

export const mergeResultSchema = z.object({ sha: z.string(), merged: z.boolean().optional() });
