import { describe, expect, it } from "vitest";
import type { AuditedWrite } from "../../../src/core/audit.js";
import { createOctokit } from "../../../src/github/create-octokit.js";
import { installAuditLog } from "../../../src/github/audit-writes.js";

const TOKEN = "ghp_auditHookTestTokenAbcdefghijklmnopq";

/** A scripted transport: each call takes the next answer (or throws it, for a dropped connection). */
function transport(answers: Array<{ status: number; body?: unknown } | "drop">) {
  const seen: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    seen.push(`${init?.method ?? "GET"} ${String(input)}`);
    const answer = answers.shift() ?? { status: 200, body: {} };
    if (answer === "drop") throw new TypeError("fetch failed");
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status: answer.status,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, seen };
}

function audited(answers: Parameters<typeof transport>[0], baseUrl = "https://api.github.com") {
  const { fetch, seen } = transport(answers);
  const octokit = createOctokit({ token: TOKEN, baseUrl, userAgent: "test", fetch, retryBaseMs: 1, writeSpacingMs: 0 });
  const recorded: AuditedWrite[] = [];
  installAuditLog(octokit, async (write) => void recorded.push(write));
  return { octokit, recorded, seen };
}

const repo = { owner: "acme", repo: "widgets" };

describe("installAuditLog: every GitHub write, recorded once, without bodies or the token", () => {
  it("records the route template, the path with numbers, the outcome and small details", async () => {
    const { octokit, recorded } = audited([
      { status: 201, body: { ref: "refs/my-little-soda/claims/12", object: { sha: "a".repeat(40) } } },
      { status: 200, body: { number: 12, title: "Fix it", body: "secret plans" } },
      { status: 201, body: { id: 7, html_url: "https://github.com/acme/widgets/issues/12#issuecomment-7" } },
      { status: 201, body: { number: 31, html_url: "https://github.com/acme/widgets/pull/31" } },
      { status: 200, body: { number: 12 } },
    ]);
    await octokit.rest.git.createRef({ ...repo, ref: "refs/my-little-soda/claims/12", sha: "a".repeat(40) });
    await octokit.rest.issues.update({
      ...repo,
      issue_number: 12,
      labels: ["agent001"],
      assignees: ["alice"],
      body: "never recorded",
    });
    await octokit.rest.issues.createComment({ ...repo, issue_number: 12, body: "a comment, never recorded" });
    await octokit.rest.pulls.create({
      ...repo,
      title: "Fix it",
      body: "Closes #12",
      head: "agent001/12-fix",
      base: "main",
    });
    await octokit.rest.issues.get({ ...repo, issue_number: 12 });

    expect(recorded).toEqual([
      {
        system: "github",
        action: "POST /repos/{owner}/{repo}/git/refs",
        target: "/repos/acme/widgets/git/refs",
        outcome: "ok",
        detail: { ref: "refs/my-little-soda/claims/12", sha: "a".repeat(40), status: 201 },
      },
      {
        system: "github",
        action: "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
        target: "/repos/acme/widgets/issues/12",
        outcome: "ok",
        detail: { labels: ["agent001"], assignees: ["alice"], status: 200, number: 12 },
      },
      {
        system: "github",
        action: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
        target: "/repos/acme/widgets/issues/12/comments",
        outcome: "ok",
        detail: { status: 201, html_url: "https://github.com/acme/widgets/issues/12#issuecomment-7" },
      },
      {
        system: "github",
        action: "POST /repos/{owner}/{repo}/pulls",
        target: "/repos/acme/widgets/pulls",
        outcome: "ok",
        detail: {
          head: "agent001/12-fix",
          base: "main",
          status: 201,
          number: 31,
          html_url: "https://github.com/acme/widgets/pull/31",
        },
      },
    ]);
    expect(JSON.stringify(recorded)).not.toMatch(/never recorded|secret plans|Closes #12/);
  });

  it("records a refused write with its status and GitHub's message", async () => {
    const { octokit, recorded } = audited([{ status: 422, body: { message: "Reference already exists" } }]);
    await expect(
      octokit.rest.git.createRef({ ...repo, ref: "refs/my-little-soda/claims/3", sha: "b".repeat(40) }),
    ).rejects.toMatchObject({ status: 422 });
    expect(recorded).toEqual([
      expect.objectContaining({
        action: "POST /repos/{owner}/{repo}/git/refs",
        target: "/repos/acme/widgets/git/refs",
        outcome: "error",
        detail: {
          ref: "refs/my-little-soda/claims/3",
          sha: "b".repeat(40),
          status: 422,
          message: "Reference already exists",
        },
      }),
    ]);
  });

  it("one entry per write after the retries, with the outcome the caller saw", async () => {
    const retried = audited([{ status: 502 }, "drop", { status: 204 }]);
    await retried.octokit.rest.issues.removeLabel({ ...repo, issue_number: 4, name: "route:ready" });
    expect(retried.seen).toHaveLength(3);
    expect(retried.recorded).toEqual([
      expect.objectContaining({
        action: "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
        target: "/repos/acme/widgets/issues/4/labels/route:ready",
        outcome: "ok",
        detail: { name: "route:ready", status: 204 },
      }),
    ]);

    const down = audited(["drop", "drop", "drop", "drop"]);
    await expect(down.octokit.rest.issues.addLabels({ ...repo, issue_number: 4, labels: ["x"] })).rejects.toThrow();
    expect(down.recorded).toEqual([
      expect.objectContaining({ outcome: "error", detail: expect.objectContaining({ labels: ["x"], status: 0 }) }),
    ]);
  });

  it("names the path below the API root on GitHub Enterprise Server", async () => {
    const { octokit, recorded } = audited([{ status: 204 }], "https://ghe.example.com/api/v3/");
    await octokit.rest.git.deleteRef({ ...repo, ref: "my-little-soda/claims/9" });
    expect(recorded[0]).toMatchObject({
      action: "DELETE /repos/{owner}/{repo}/git/refs/{ref}",
      target: "/repos/acme/widgets/git/refs/my-little-soda/claims/9",
    });
  });

  it("never sees the token: no header reaches the log", async () => {
    const { octokit, recorded } = audited([{ status: 401, body: { message: "Bad credentials" } }]);
    await expect(octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["a"] })).rejects.toThrow();
    expect(recorded).toHaveLength(1);
    expect(JSON.stringify(recorded)).not.toContain(TOKEN);
  });
});
