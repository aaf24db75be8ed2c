import type { z } from "zod";
import { UnexpectedResponseError } from "../errors/index.js";

/** Validate a payload against its edge schema, naming what we asked for when it does not fit. */
export function parsePayload<T extends z.ZodType>(schema: T, data: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unknown shape";
  throw new UnexpectedResponseError(`GitHub's answer to "${what}" has an unexpected shape (${where})`, {
    hint: "if this is GitHub Enterprise Server, check that its version supports the REST API v3 endpoints we use",
  });
}
