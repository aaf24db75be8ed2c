import path from "node:path";
import { describe, expect, it } from "vitest";
import { DOCTOR_CHECK_IDS, type DoctorCheck, type DoctorCheckId } from "../../../../src/core/doctor/doctor-check.js";
import { runDoctor } from "../../../../src/core/doctor/run-doctor.js";
import { WORKFLOW_PATH } from "../../../../src/core/init/plan-init.js";
import { CI_WORKFLOW } from "../../../../src/core/init/templates.js";
import { AuthenticationError, RepositoryNotFoundError } from "../../../../src/errors/index.js";
import { healthyWorld, NOW, probesOf, ROOT, settingsOf, type DoctorWorld } from "../../../support/doctor-probes.js";

async function doctor(change: (world: DoctorWorld) => void = () => {}) {
  const world = healthyWorld();
  change(world);
  const probes = probesOf(world);
  const report = await runDoctor(probes);
  const byId = Object.fromEntries(report.checks.map((check) => [check.id, check])) as Record<
    DoctorCheckId,
    DoctorCheck
  >;
  return { report, byId, githubCalls: probes.githubCalls };
}

const statuses = (checks: DoctorCheck[]) => Object.fromEntries(checks.map((check) => [check.id, check.status]));

describe("doctor", () => {
  it("a healthy clone: every check ok, in the fixed order, nothing failed", async () => {
    const { report, githubCalls } = await doctor();
    expect(report.checks.map((check) => check.id)).toEqual([...DOCTOR_CHECK_IDS]);
    expect(report.checks.filter((check) => check.status !== "ok")).toEqual([]);
    expect(report.failed).toBe(false);
    expect(report.checks.every((check) => check.fix === null)).toBe(true);
    expect(githubCalls.sort()).toEqual(["labels", "rateLimit", "repository", "viewer"]);
  });

  it("never shows the token", async () => {
    const world = healthyWorld();
    const { report } = await doctor((w) => Object.assign(w, { token: world.token }));
    expect(JSON.stringify(report)).not.toContain(world.token?.token);
    expect(report.checks.find((check) => check.id === "token")?.detail).toBe(
      "from MY_LITTLE_SODA_GITHUB_TOKEN (classic personal access token)",
    );
  });

  describe("tools", () => {
    it("Node older than engines → fail", async () => {
      const { byId, report } = await doctor((w) => (w.nodeVersion = "18.19.0"));
      expect(byId.node).toMatchObject({ status: "fail", detail: "18.19.0 is too old (needs ≥ 20)" });
      expect(report.failed).toBe(true);
    });

    it("git older than 2.18 → fail, naming what needs it", async () => {
      const { byId } = await doctor((w) => (w.gitVersion = "git version 2.17.1\n"));
      expect(byId.git.status).toBe("fail");
      expect(byId.git.detail).toMatch(/^2\.17\.1 is too old \(needs ≥ 2\.18 for .*git config --default/);
      expect(byId.git.fix).toBe("upgrade git to 2.18 or later");
    });

    it("git missing → fail, and everything that needs a repository is skipped", async () => {
      const { byId } = await doctor((w) => (w.gitVersion = undefined));
      expect(byId.git.status).toBe("fail");
      expect(byId["git-repository"]).toMatchObject({ status: "skipped", detail: "skipped: git cannot be run" });
      expect(byId.remote.status).toBe("skipped");
      expect(byId.store.status).toBe("skipped");
    });

    it("outside a git repository → fail; remote, store and workflow skipped", async () => {
      const { byId } = await doctor((w) => (w.root = undefined));
      expect(byId["git-repository"]).toMatchObject({
        status: "fail",
        detail: "/somewhere is not inside a git repository",
      });
      expect([byId.remote.status, byId.store.status, byId.workflow.status]).toEqual(["skipped", "skipped", "skipped"]);
      expect(byId.locks.status).toBe("skipped");
    });
  });

  describe("the origin remote", () => {
    it("none → fail with the command that adds it", async () => {
      const { byId } = await doctor((w) => (w.remoteUrl = undefined));
      expect(byId.remote).toMatchObject({
        status: "fail",
        fix: "git remote add origin https://github.com/acme/widgets.git",
      });
    });

    it("pointing at another repository than the configuration → fail", async () => {
      const { byId } = await doctor((w) => (w.remoteUrl = "git@github.com:acme/gadgets.git"));
      expect(byId.remote.status).toBe("fail");
      expect(byId.remote.detail).toContain(
        "→ acme/gadgets (ssh, github.com), but my-little-soda.toml names acme/widgets",
      );
      expect(byId.remote.fix).toBe(
        "git remote set-url origin git@github.com:acme/widgets.git, or correct my-little-soda.toml",
      );
    });

    it("the same repository in another case or over ssh:// → ok", async () => {
      const { byId } = await doctor((w) => (w.remoteUrl = "ssh://git@github.com/ACME/Widgets"));
      expect(byId.remote).toMatchObject({
        status: "ok",
        detail: "ssh://git@github.com/ACME/Widgets → ACME/Widgets (ssh, github.com)",
      });
    });

    it("git:// cannot push → fail", async () => {
      const { byId } = await doctor((w) => (w.remoteUrl = "git://github.com/acme/widgets.git"));
      expect(byId.remote).toMatchObject({
        status: "fail",
        fix: "git remote set-url origin https://github.com/acme/widgets.git",
      });
    });

    it("credentials in the URL → warn, and they are never shown", async () => {
      const { byId } = await doctor((w) => (w.remoteUrl = "https://x-access-token:s3cr3t@github.com/acme/widgets.git"));
      expect(byId.remote.status).toBe("warn");
      expect(byId.remote.detail).toMatch(/^https:\/\/\*\*\*@github\.com\/acme\/widgets\.git/);
      expect(JSON.stringify(byId.remote)).not.toContain("s3cr3t");
      expect(byId.remote.fix).toContain("git remote set-url origin https://github.com/acme/widgets.git");
    });

    it("an Enterprise host while the API is github.com's → warn with the api_url to set", async () => {
      const { byId } = await doctor((w) => (w.remoteUrl = "git@ghe.example.com:acme/widgets.git"));
      expect(byId.remote.status).toBe("warn");
      expect(byId.remote.detail).toContain("GitHub Enterprise at ghe.example.com");
      expect(byId.remote.fix).toBe('set [github] api_url = "https://ghe.example.com/api/v3" in my-little-soda.toml');
    });

    it("a local path: warn when the configuration names the repository, fail when nothing does", async () => {
      const named = await doctor((w) => (w.remoteUrl = "/srv/git/widgets.git"));
      expect(named.byId.remote.status).toBe("warn");
      const unnamed = await doctor((w) => {
        w.remoteUrl = "/srv/git/widgets.git";
        settingsOf(w).repository = undefined;
      });
      expect(unnamed.byId.remote.status).toBe("fail");
      expect(unnamed.byId.repository).toMatchObject({ status: "skipped" });
    });
  });

  describe("configuration", () => {
    it("invalid → fail with the loader's message; what needs it is skipped", async () => {
      const { byId, githubCalls } = await doctor(
        (w) => (w.settings = { invalid: "my-little-soda.toml: autonomous.timeout_minutes must be a number" }),
      );
      expect(byId.config).toMatchObject({
        status: "fail",
        detail: "my-little-soda.toml: autonomous.timeout_minutes must be a number",
        fix: "fix the value in the file",
      });
      for (const id of [
        "repository",
        "permissions",
        "labels",
        "agent-command",
        "verify-command",
        "store",
        "locks",
      ] as const) {
        expect(byId[id]).toMatchObject({ status: "skipped" });
      }
      expect(byId.repository.detail).toBe("skipped: the configuration is invalid");
      expect(githubCalls).toEqual([]);
    });

    it("unknown keys → warn", async () => {
      const { byId, report } = await doctor((w) => {
        settingsOf(w).warnings = [
          "my-little-soda.toml: unknown key bottle.verfy (did you mean bottle.verify?); it is ignored",
          "another",
        ];
      });
      expect(byId.config.status).toBe("warn");
      expect(byId.config.detail).toContain("unknown key bottle.verfy (did you mean bottle.verify?)");
      expect(byId.config.detail).toContain("(and 1 more)");
      expect(report.failed).toBe(false);
    });

    it("no file → warn: init writes one", async () => {
      const { byId } = await doctor((w) => (settingsOf(w).configFile = { path: "my-little-soda.toml", exists: false }));
      expect(byId.config).toMatchObject({ status: "warn", fix: "run `my-little-soda init` to write one" });
    });
  });

  describe("token and GitHub", () => {
    it("no token → fail; the GitHub checks are skipped and GitHub is not asked", async () => {
      const { byId, githubCalls } = await doctor((w) => (w.token = undefined));
      expect(byId.token.status).toBe("fail");
      expect(byId.token.fix).toBe("set MY_LITTLE_SODA_GITHUB_TOKEN, or log in with `gh auth login`");
      for (const id of ["repository", "permissions", "labels", "rate-limit"] as const) {
        expect(byId[id]).toMatchObject({ status: "skipped", detail: "skipped: no token" });
      }
      expect(githubCalls).toEqual([]);
    });

    it("the repository not found → fail; permissions and labels skipped", async () => {
      const { byId } = await doctor(
        (w) =>
          (w.access = new RepositoryNotFoundError("acme/widgets was not found, or this token cannot see it", {
            hint: "check it",
          })),
      );
      expect(byId.repository).toMatchObject({ status: "fail", fix: "check it" });
      expect(byId.permissions.status).toBe("skipped");
      expect(byId.labels.status).toBe("skipped");
      expect(byId["rate-limit"].status).toBe("ok");
    });

    it("a rejected token → the repository fails once, the rest is skipped", async () => {
      const { byId } = await doctor(
        (w) => (w.access = new AuthenticationError("GitHub rejected the token (401 Bad credentials)")),
      );
      expect(byId.repository.status).toBe("fail");
      expect(byId.permissions.status).toBe("skipped");
      expect(byId.labels.status).toBe("skipped");
      expect(byId["rate-limit"].status).toBe("skipped");
    });

    it("a fine-grained token whose user cannot push → fail", async () => {
      const { byId } = await doctor((w) => {
        w.token = { token: "github_pat_0123456789", source: "GH_TOKEN" };
        w.access = {
          fullName: "acme/widgets",
          isPrivate: false,
          permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
          tokenScopes: undefined,
        };
      });
      expect(byId.token.detail).toBe("from GH_TOKEN (fine-grained personal access token)");
      expect(byId.permissions).toMatchObject({
        status: "fail",
        detail: "this token cannot push to acme/widgets (role read)",
      });
    });

    it("a fine-grained token with push → ok, saying that its own grants cannot be read", async () => {
      const { byId } = await doctor((w) => {
        w.token = { token: "github_pat_0123456789", source: "GH_TOKEN" };
        if (!(w.access instanceof Error)) w.access.tokenScopes = undefined;
      });
      expect(byId.permissions.status).toBe("ok");
      expect(byId.permissions.detail).toContain("not this token's own grants");
    });

    it("a classic token without the repo scope → fail", async () => {
      const { byId } = await doctor((w) => {
        if (!(w.access instanceof Error)) w.access.tokenScopes = ["read:org", "gist"];
      });
      expect(byId.permissions.status).toBe("fail");
      expect(byId.permissions.detail).toContain("the token's scopes (read:org, gist) lack `repo`");
    });

    it("public_repo is enough for a public repository", async () => {
      const { byId } = await doctor((w) => {
        if (!(w.access instanceof Error)) Object.assign(w.access, { isPrivate: false, tokenScopes: ["public_repo"] });
      });
      expect(byId.permissions.status).toBe("ok");
    });

    it("no workflow scope: warn only where the repository has our workflow", async () => {
      const noWorkflowScope = (w: DoctorWorld) => {
        if (!(w.access instanceof Error)) w.access.tokenScopes = ["repo"];
      };
      expect((await doctor(noWorkflowScope)).byId.permissions.status).toBe("ok");
      const { byId } = await doctor((w) => {
        noWorkflowScope(w);
        w.files[path.join(ROOT, WORKFLOW_PATH)] = CI_WORKFLOW;
      });
      expect(byId.permissions).toMatchObject({
        status: "warn",
        fix: "add the `workflow` scope if agents may change workflows",
      });
    });

    it("a missing label → fail; a label of another colour → warn", async () => {
      const missing = await doctor((w) => (w.labels = w.labels.filter((label) => label.name !== "route:ready")));
      expect(missing.byId.labels).toMatchObject({
        status: "fail",
        detail: "missing: route:ready",
        fix: "run `my-little-soda init`: it creates them",
      });
      const recoloured = await doctor(
        (w) =>
          (w.labels = w.labels.map((label) => (label.name === "route:review" ? { ...label, color: "ededed" } : label))),
      );
      expect(recoloured.byId.labels).toMatchObject({
        status: "warn",
        detail: "not as init makes them: route:review (color ededed → fbca04)",
      });
    });

    it("the rate limit: low → warn, exhausted → fail", async () => {
      const low = await doctor((w) => (w.rate = { ...w.rate, remaining: 120 }));
      expect(low.byId["rate-limit"].status).toBe("warn");
      const none = await doctor((w) => (w.rate = { ...w.rate, remaining: 0 }));
      expect(none.byId["rate-limit"]).toMatchObject({ status: "fail", fix: "wait until 2026-03-01T12:40:00.000Z" });
    });
  });

  describe("commands", () => {
    it("the agent command not on PATH → fail", async () => {
      const { byId } = await doctor((w) => delete w.programs.claude);
      expect(byId["agent-command"]).toMatchObject({
        status: "fail",
        detail: "`claude` ([autonomous] agent_command) is not on PATH",
      });
    });

    it("the agent command not executable → fail with chmod", async () => {
      const { byId } = await doctor((w) => {
        settingsOf(w).agentCommand = ["./agent.sh"];
        w.programs["./agent.sh"] = "not-executable";
      });
      expect(byId["agent-command"]).toMatchObject({ status: "fail", fix: `chmod +x ${ROOT}/./agent.sh` });
    });

    it("no agent command → warn", async () => {
      const { byId } = await doctor((w) => (settingsOf(w).agentCommand = undefined));
      expect(byId["agent-command"].status).toBe("warn");
    });

    it("the verify program not on PATH → fail; none configured → warn", async () => {
      const missing = await doctor((w) => delete w.programs.npm);
      expect(missing.byId["verify-command"]).toMatchObject({
        status: "fail",
        detail: "`npm` ([bottle] verify) is not on PATH",
      });
      const none = await doctor((w) => (settingsOf(w).verify = undefined));
      expect(none.byId["verify-command"].status).toBe("warn");
    });
  });

  describe("store and locks", () => {
    it("no store yet → ok", async () => {
      const { byId } = await doctor((w) => (w.store = { kind: "absent" }));
      expect(byId.store).toMatchObject({ status: "ok" });
      expect(byId.store.detail).toContain("not created yet");
      expect(byId.locks.status).toBe("ok");
    });

    it("a damaged store → fail; an unreadable one → fail and locks skipped", async () => {
      const damaged = await doctor(
        (w) =>
          (w.store = {
            kind: "read",
            schemaVersion: 4,
            latestSchemaVersion: 4,
            problems: ["row 3 missing from index x"],
            loopLocks: [],
          }),
      );
      expect(damaged.byId.store).toMatchObject({ status: "fail" });
      expect(damaged.byId.store.detail).toBe(
        ".my-little-soda/my-little-soda.db is damaged: row 3 missing from index x",
      );
      const unreadable = await doctor((w) => (w.store = { kind: "unreadable", message: "file is not a database" }));
      expect(unreadable.byId.store.status).toBe("fail");
      expect(unreadable.byId.locks.status).toBe("skipped");
    });

    it("a store from a newer version → fail", async () => {
      const { byId } = await doctor(
        (w) => (w.store = { kind: "read", schemaVersion: 9, latestSchemaVersion: 4, problems: [], loopLocks: [] }),
      );
      expect(byId.store).toMatchObject({ status: "fail", fix: "upgrade my-little-soda" });
    });

    const lock = (host: string, pid: number, heartbeatMinutesAgo: number) => ({
      repository: "acme/widgets",
      agentId: "agent001",
      pid,
      host,
      since: new Date(NOW.getTime() - 3_600_000),
      heartbeatAt: new Date(NOW.getTime() - heartbeatMinutesAgo * 60_000),
    });
    const withLock = (held: ReturnType<typeof lock>) => (w: DoctorWorld) =>
      (w.store = { kind: "read", schemaVersion: 4, latestSchemaVersion: 4, problems: [], loopLocks: [held] });

    it("a loop lock held by a live loop → ok", async () => {
      const { byId } = await doctor((w) => {
        withLock(lock("this-host", 4242, 1))(w);
        w.alive = [4242];
      });
      expect(byId.locks).toMatchObject({ status: "ok" });
      expect(byId.locks.detail).toContain("a loop is running for agent001: pid 4242 on this host");
    });

    it("a loop lock held by a dead pid on this host → warn (the next spawn takes it over)", async () => {
      const { byId, report } = await doctor(withLock(lock("this-host", 4242, 1)));
      expect(byId.locks.status).toBe("warn");
      expect(byId.locks.detail).toContain("that process is gone");
      expect(report.failed).toBe(false);
    });

    it("a loop lock of another host whose heartbeat stopped → fail (spawn refuses)", async () => {
      const { byId } = await doctor(withLock(lock("old-container", 7, 90)));
      expect(byId.locks.status).toBe("fail");
      expect(byId.locks.detail).toContain("held by pid 7 on old-container");
      expect(byId.locks.detail).toContain("heartbeat 90 min old");
    });

    it("another agent's lock is not this agent's", async () => {
      const { byId } = await doctor(withLock({ ...lock("old-container", 7, 90), agentId: "agent002" }));
      expect(byId.locks).toMatchObject({ status: "ok", detail: "no loop lock held for agent001" });
    });
  });

  describe("the Actions workflow", () => {
    const workflowAt = path.join(ROOT, WORKFLOW_PATH);

    it("as init --ci wrote it → ok, naming its jobs and commands", async () => {
      const { byId } = await doctor((w) => (w.files[workflowAt] = CI_WORKFLOW));
      expect(byId.workflow).toMatchObject({
        status: "ok",
        detail: `${WORKFLOW_PATH}, as \`init --ci\` wrote it: status (status --check), autonomous (spawn --autonomous --once)`,
      });
    });

    it("a tab in the indentation → fail with the line", async () => {
      const broken = CI_WORKFLOW.replace(
        "    runs-on: ubuntu-latest\n    permissions:",
        "\truns-on: ubuntu-latest\n    permissions:",
      );
      const { byId } = await doctor((w) => (w.files[workflowAt] = broken));
      expect(byId.workflow.status).toBe("fail");
      expect(byId.workflow.detail).toMatch(/line \d+: a tab in the indentation/);
      expect(byId.workflow.fix).toContain("init --ci --force");
    });

    it("no job running my-little-soda → fail", async () => {
      const { byId } = await doctor(
        (w) =>
          (w.files[workflowAt] =
            "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n"),
      );
      expect(byId.workflow).toMatchObject({ status: "fail", detail: `${WORKFLOW_PATH}: no job runs my-little-soda` });
    });

    it("an unclosed expression → fail", async () => {
      const broken = CI_WORKFLOW.replace("${{ secrets.GITHUB_TOKEN }}", "${{ secrets.GITHUB_TOKEN");
      const { byId } = await doctor((w) => (w.files[workflowAt] = broken));
      expect(byId.workflow.detail).toMatch(/line \d+: an expression `\$\{\{` is not closed/);
    });
  });

  it("several problems at once: each reported, the report failed", async () => {
    const { report } = await doctor((w) => {
      w.token = undefined;
      w.remoteUrl = undefined;
      delete w.programs.npm;
    });
    expect(statuses(report.checks)).toMatchObject({ token: "fail", remote: "fail", "verify-command": "fail" });
    expect(report.failed).toBe(true);
  });
});
