import { z } from "zod";

/**
 * The fields of GitHub's payloads that we rely on, checked at the edge so a surprise is a
 * clear error here rather than `undefined` deep in a use case. Unknown fields pass through.
 */

const userSchema = z.object({ login: z.string() });

export const viewerSchema = userSchema;

export const repositorySchema = z.object({
  name: z.string(),
  full_name: z.string(),
  owner: userSchema,
  private: z.boolean(),
  html_url: z.string(),
  default_branch: z.string(),
  permissions: z.object({ push: z.boolean(), admin: z.boolean().optional() }).optional(),
});

export const labelSchema = z.object({
  name: z.string(),
  color: z.string(),
  description: z.string().nullable().optional(),
});

export const issueSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]),
  // GitHub may give labels as strings or objects depending on the endpoint.
  labels: z.array(z.union([z.string(), z.object({ name: z.string().nullable().optional() })])),
  assignees: z.array(userSchema).nullable().optional(),
  pull_request: z.object({}).passthrough().nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string(),
  // Present where the server has issue dependencies and sub-issues (GitHub.com since 2025).
  issue_dependencies_summary: z.object({ blocked_by: z.number().int() }).nullable().optional(),
  sub_issues_summary: z.object({ total: z.number().int(), completed: z.number().int() }).nullable().optional(),
});

export const pullRequestSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  html_url: z.string(),
  draft: z.boolean().optional(),
  user: userSchema.nullable(),
  labels: z.array(z.object({ name: z.string() })),
  head: z.object({ ref: z.string(), sha: z.string() }),
  state: z.enum(["open", "closed"]).optional(),
  merged_at: z.string().nullable().optional(),
});

export const refSchema = z.object({
  ref: z.string(),
  object: z.object({ sha: z.string() }),
});

export const rateLimitSchema = z.object({
  resources: z.object({
    core: z.object({ limit: z.number(), remaining: z.number(), used: z.number(), reset: z.number() }),
  }),
});
