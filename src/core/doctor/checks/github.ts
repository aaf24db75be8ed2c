import { tokenKindOf } from "../../../domain/doctor/token-kind.js";
import { SodaError } from "../../../errors/index.js";
import { planLabels } from "../../init/plan-init.js";
import { checkOf, type DoctorCheck } from "../doctor-check.js";
import type { RepositoryAccess } from "../doctor-ports.js";
import type { LabelSpec } from "../../../domain/labels.js";
import type { RateLimitInfo } from "../../ports.js";

/** A GitHub read's outcome, the error kept for the check to word. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GitHubFacts {
  fullName: string;
  apiUrl: string;
  viewer: Settled<string>;
  repository: Settled<RepositoryAccess>;
}

/** The repository answers at the API URL, to this token. */
export function checkRepositoryReachable({ fullName, apiUrl, viewer, repository }: GitHubFacts): DoctorCheck {
  const check = checkOf("repository", "repository");
  if (!repository.ok) return check.fail(...failureOf(repository.error, `${fullName} at ${apiUrl}`));
  const as = viewer.ok ? `, as ${viewer.value}` : "";
  const visibility = repository.value.isPrivate ? "private" : "public";
  return check.ok(`${repository.value.fullName} (${visibility}) at ${apiUrl}${as}`);
}

/**
 * May this token do what agents do: push branches, label issues, open pull requests. A classic
 * token says its scopes in `X-OAuth-Scopes`; for the others the repository's `permissions` (the
 * user's role) is all GitHub shows. `workflow` matters only where a workflow is in the repository:
 * a branch that changes .github/workflows/ cannot be pushed without it.
 */
export function checkPermissions(
  repository: Settled<RepositoryAccess>,
  token: string,
  hasWorkflows: boolean,
): DoctorCheck {
  const check = checkOf("permissions", "token permissions");
  if (!repository.ok) return check.skipped("the repository could not be read");
  const { permissions, tokenScopes, fullName, isPrivate } = repository.value;
  const role = roleOf(permissions);
  if (tokenScopes !== undefined) {
    const needed = isPrivate ? ["repo"] : ["repo", "public_repo"];
    const shown = tokenScopes.length > 0 ? tokenScopes.join(", ") : "none";
    if (!needed.some((scope) => tokenScopes.includes(scope))) {
      return check.fail(
        `the token's scopes (${shown}) lack ${needed.map((scope) => `\`${scope}\``).join(" or ")}: it cannot push, label or open pull requests`,
        `give the token the \`repo\` scope (GitHub → Settings → Developer settings → Personal access tokens)`,
      );
    }
    if (!permissions.push) return noPush(check, fullName, role);
    if (hasWorkflows && !tokenScopes.includes("workflow")) {
      return check.warn(
        `scopes ${shown}; role ${role}; no \`workflow\` scope: a branch that changes .github/workflows/ cannot be pushed`,
        "add the `workflow` scope if agents may change workflows",
      );
    }
    return check.ok(`push, issues and pull requests (scopes ${shown}; role ${role})`);
  }
  if (!permissions.push) return noPush(check, fullName, role);
  const kind = tokenKindOf(token);
  const note =
    kind === "fine-grained" || kind === "app"
      ? "; GitHub shows the user's role, not this token's own grants: Contents, Issues and Pull requests must be read & write"
      : "";
  return check.ok(`push, issues and pull requests (role ${role}${note})`);
}

function noPush(check: ReturnType<typeof checkOf>, fullName: string, role: string): DoctorCheck {
  return check.fail(
    `this token cannot push to ${fullName} (role ${role})`,
    "use a token with write access: classic `repo` scope, or fine-grained Contents, Issues and Pull requests read & write",
  );
}

function roleOf(permissions: RepositoryAccess["permissions"]): string {
  if (permissions.admin) return "admin";
  if (permissions.maintain) return "maintain";
  if (permissions.push) return "write";
  if (permissions.triage) return "triage";
  return permissions.pull ? "read" : "none";
}

/** The labels `init` makes, as it makes them (its own plan, src/core/init/plan-init.ts). */
export function checkLabels(labels: Settled<LabelSpec[]>, repositoryRead: boolean, agentId: string): DoctorCheck {
  const check = checkOf("labels", "labels");
  if (!repositoryRead) return check.skipped("the repository could not be read");
  if (!labels.ok) return check.fail(...failureOf(labels.error, "the labels"));
  const plan = planLabels(agentId, labels.value);
  const missing = plan.filter((change) => change.status === "created").map((change) => change.label.name);
  if (missing.length > 0) {
    return check.fail(`missing: ${missing.join(", ")}`, "run `my-little-soda init`: it creates them");
  }
  const differing = plan
    .filter((change) => change.status === "updated")
    .map((change) => `${change.currentName ?? change.label.name} (${change.differences.join(", ")})`);
  if (differing.length > 0) {
    return check.warn(`not as init makes them: ${differing.join("; ")}`, "run `my-little-soda init`: it updates them");
  }
  return check.ok(`all ${plan.length} present (the route labels and ${agentId})`);
}

/** What is left of the hour's requests: a loop needs a few hundred an hour. */
export function checkRateLimit(rate: Settled<RateLimitInfo>, repositoryRead: boolean): DoctorCheck {
  const check = checkOf("rate-limit", "rate limit");
  if (!rate.ok) {
    return repositoryRead
      ? check.fail(...failureOf(rate.error, "the rate limit"))
      : check.skipped("the repository could not be read");
  }
  const { remaining, limit, resetAt } = rate.value;
  const left = `${remaining} of ${limit} requests left, resets at ${resetAt.toISOString()}`;
  if (remaining === 0) return check.fail(`exhausted: ${left}`, `wait until ${resetAt.toISOString()}`);
  if (remaining < limit / 10) {
    return check.warn(left, "another tool may be using this token: let it reset before a long `spawn`");
  }
  return check.ok(left);
}

/** An error as a detail and a fix: ours carry both; anything else says what it said. */
function failureOf(error: unknown, what: string): [detail: string, fix: string] {
  if (error instanceof SodaError) {
    return [error.message, error.hint ?? `check the token, the API URL and ${what}`];
  }
  return [
    `reading ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    "run again with --debug to see the request",
  ];
}
