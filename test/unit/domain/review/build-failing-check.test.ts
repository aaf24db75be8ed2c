import { describe, expect, it } from "vitest";
import { buildFailingCheck, jobLogsToRead, tailOf } from "../../../../src/domain/review/build-failing-check.js";
import { run, status } from "./fixtures.js";

const JEST_LOG = [
  "2026-03-02T10:03:11.0000000Z ##[group]Run npm test",
  "2026-03-02T10:03:11.1000000Z npm test",
  "2026-03-02T10:03:15.4210000Z \u001b[31mFAIL\u001b[39m src/auth/redirect.test.ts",
  "2026-03-02T10:03:15.4220000Z   ● redirectAfterLogin › refuses an absolute URL",
  '2026-03-02T10:03:15.4230000Z     Expected: "/"',
  '2026-03-02T10:03:15.4240000Z     Received: "https://evil.example"',
  "2026-03-02T10:03:16.0000000Z ##[error]Process completed with exit code 1.",
  "",
].join("\r\n");

describe("buildFailingCheck", () => {
  it("prefers the job log's tail, without timestamps or colour codes", () => {
    const test = run("test", { conclusion: "failure", output: { title: "1 failed", summary: "s", text: "t" } });
    const check = buildFailingCheck(
      { name: "test", conclusion: "failure", run: test },
      { kind: "log", text: JEST_LOG },
    );
    expect(check).toEqual({
      name: "test",
      conclusion: "failure",
      source: "job-log",
      url: test.detailsUrl,
      output: [
        "##[group]Run npm test",
        "npm test",
        "FAIL src/auth/redirect.test.ts",
        "  ● redirectAfterLogin › refuses an absolute URL",
        '    Expected: "/"',
        '    Received: "https://evil.example"',
        "##[error]Process completed with exit code 1.",
      ].join("\n"),
    });
  });

  it("falls back to the check's text, saying why the log is missing", () => {
    const lint = run("lint", {
      conclusion: "failure",
      output: { title: "2 problems", summary: "2 errors", text: "src/a.ts:3 no-unused-vars" },
    });
    const check = buildFailingCheck(
      { name: "lint", conclusion: "failure", run: lint },
      { kind: "unavailable", reason: "the token needs actions: read" },
    );
    expect(check.source).toBe("check-output");
    expect(check.output).toBe("src/a.ts:3 no-unused-vars");
    expect(check.note).toBe(
      "The job log could not be read (the token needs actions: read); the check's output text follows.",
    );
  });

  it("then to the summary, then the title; an empty log counts as no log", () => {
    const summaryOnly = run("build", {
      conclusion: "failure",
      output: { title: "t", summary: "tsc: 3 errors", text: " " },
    });
    const fromSummary = buildFailingCheck(
      { name: "build", conclusion: "failure", run: summaryOnly },
      { kind: "log", text: "\n" },
    );
    expect(fromSummary.output).toBe("tsc: 3 errors");
    expect(fromSummary.note).toBe("The job log was empty; the check's summary follows.");

    const titleOnly = run("build", { conclusion: "timed_out", output: { title: "Timed out", summary: "", text: "" } });
    expect(buildFailingCheck({ name: "build", conclusion: "timed_out", run: titleOnly }, undefined)).toMatchObject({
      output: "Timed out",
      note: "The job log was not read; the check's title follows.",
    });
  });

  it("says when there is nothing at all to show", () => {
    const bare = run("build", { conclusion: "cancelled" });
    expect(buildFailingCheck({ name: "build", conclusion: "cancelled", run: bare }, undefined)).toMatchObject({
      output: "",
      note: "The job log was not read, and the check left no output of its own.",
    });
  });

  it("adds no note for a check from another app, which has no job log to read", () => {
    const sonar = run("SonarCloud", {
      app: "sonarcloud",
      actionsJobId: undefined,
      conclusion: "failure",
      output: { title: "Quality gate failed", summary: "2 new bugs", text: "" },
      detailsUrl: "https://sonarcloud.io/dashboard?id=acme_widgets&pullRequest=31",
    });
    const check = buildFailingCheck({ name: "SonarCloud", conclusion: "failure", run: sonar }, undefined);
    expect(check).toEqual({
      name: "SonarCloud",
      conclusion: "failure",
      output: "2 new bugs",
      source: "check-output",
      url: "https://sonarcloud.io/dashboard?id=acme_widgets&pullRequest=31",
    });
  });

  it("uses a status's description and target URL", () => {
    const jenkins = status("continuous-integration/jenkins", "error", "Build #88 errored: agent offline");
    expect(
      buildFailingCheck({ name: jenkins.context, conclusion: "error", status: jenkins }, { kind: "log", text: "x" }),
    ).toEqual({
      name: "continuous-integration/jenkins",
      conclusion: "error",
      output: "Build #88 errored: agent offline",
      source: "status-description",
      url: "https://ci.example.com/acme/widgets/continuous-integration/jenkins",
    });
  });
});

describe("tailOf", () => {
  it("keeps the last 80 lines", () => {
    const log = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n");
    const tail = tailOf(log).split("\n");
    expect(tail).toHaveLength(80);
    expect(tail[0]).toBe("line 120");
    expect(tail.at(-1)).toBe("line 199");
  });

  it("shows what a progress bar drew last and cuts very long lines", () => {
    const tail = tailOf(`Downloading 10%\rDownloading 55%\rDownloading 100%\r\n${"x".repeat(1000)}`);
    const [progress, long] = tail.split("\n");
    expect(progress).toBe("Downloading 100%");
    expect(long).toBe(`${"x".repeat(400)}…`);
  });
});

describe("jobLogsToRead", () => {
  it("names each failing Actions job once, and no status or other app", () => {
    const test = run("test", { conclusion: "failure", actionsJobId: 501 });
    const sonar = run("SonarCloud", { conclusion: "failure", actionsJobId: undefined });
    const jenkins = status("jenkins", "failure");
    expect(
      jobLogsToRead([
        { name: "test", conclusion: "failure", run: test },
        { name: "test", conclusion: "failure", run: test },
        { name: "SonarCloud", conclusion: "failure", run: sonar },
        { name: "jenkins", conclusion: "failure", status: jenkins },
      ]),
    ).toEqual([501]);
  });
});
