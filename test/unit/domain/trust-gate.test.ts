import { describe, expect, it } from "vitest";
import { judgeTrust, loginsToCheck, type IssueEventFact, type TrustFacts } from "../../../src/domain/trust-gate.js";

const WRITERS = new Set(["owner", "maintainer"]);
const isTrusted = (login: string) => WRITERS.has(login);
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second));

function labeled(id: number, actor: string, second: number, label = "route:ready"): IssueEventFact {
  return { id, kind: "labeled", actor, label, at: at(second) };
}

function facts(overrides: Partial<TrustFacts>): TrustFacts {
  return {
    labels: ["route:ready"],
    createdAt: at(0),
    events: [labeled(1, "owner", 10)],
    bodyEdits: { author: "reporter", edits: [], truncated: false },
    ...overrides,
  };
}

describe("judgeTrust", () => {
  it("trusts an issue queued by a writer and not edited since", () => {
    expect(judgeTrust(facts({}), isTrusted)).toMatchObject({ kind: "trusted", approval: { eventId: 1, by: "owner" } });
  });

  it("refuses an issue queued by someone without write access", () => {
    const verdict = judgeTrust(facts({ events: [labeled(1, "mallory", 10)] }), isTrusted);
    expect(verdict).toMatchObject({ kind: "untrusted", cause: "untrusted-approver" });
    expect(verdict.kind === "untrusted" && verdict.reason).toContain("mallory");
  });

  it("takes the last time a queue label still on the issue was put on", () => {
    const events = [labeled(1, "mallory", 5), labeled(2, "owner", 10), labeled(3, "mallory", 12, "bug")];
    expect(judgeTrust(facts({ events }), isTrusted)).toMatchObject({ kind: "trusted", approval: { eventId: 2 } });
    const relabelled = [labeled(1, "owner", 5), labeled(2, "mallory", 10)];
    expect(judgeTrust(facts({ events: relabelled }), isTrusted)).toMatchObject({ cause: "untrusted-approver" });
  });

  it("ignores a queue label that is no longer on the issue", () => {
    const events = [labeled(1, "owner", 5), labeled(2, "mallory", 10, "route:unblocker")];
    expect(judgeTrust(facts({ labels: ["route:ready"], events }), isTrusted)).toMatchObject({ kind: "trusted" });
  });

  it("refuses when no event says who queued it", () => {
    expect(judgeTrust(facts({ events: [] }), isTrusted)).toMatchObject({ cause: "no-approval" });
  });

  it("refuses a body edited by someone without write access after the approval, even in the same second", () => {
    for (const second of [10, 30]) {
      const bodyEdits = { author: "reporter", edits: [{ editor: "mallory", editedAt: at(second) }], truncated: false };
      expect(judgeTrust(facts({ bodyEdits }), isTrusted)).toMatchObject({ cause: "untrusted-edit" });
    }
  });

  it("accepts body edits before the approval, by writers, and the original text", () => {
    const edits = [
      { editor: "reporter", editedAt: at(0) },
      { editor: "mallory", editedAt: at(5) },
      { editor: "maintainer", editedAt: at(30) },
    ];
    expect(judgeTrust(facts({ bodyEdits: { author: "reporter", edits, truncated: false } }), isTrusted)).toMatchObject({
      kind: "trusted",
    });
  });

  it("takes only the oldest entry for the original text: the author's edit in the same second counts", () => {
    const edits = [
      { editor: "reporter", editedAt: at(10) },
      { editor: "reporter", editedAt: at(10) },
    ];
    const sameSecond = facts({ createdAt: at(10), bodyEdits: { author: "reporter", edits, truncated: false } });
    expect(judgeTrust(sameSecond, isTrusted)).toMatchObject({ cause: "untrusted-edit" });
  });

  it("refuses a title renamed by someone without write access after the approval", () => {
    const events: IssueEventFact[] = [
      labeled(1, "owner", 10),
      { id: 2, kind: "renamed", actor: "mallory", at: at(20) },
    ];
    const verdict = judgeTrust(facts({ events }), isTrusted);
    expect(verdict).toMatchObject({ cause: "untrusted-edit" });
    expect(verdict.kind === "untrusted" && verdict.reason).toContain("title");
  });

  it("refuses when the body's edit history is too long to read in full", () => {
    expect(
      judgeTrust(facts({ bodyEdits: { author: "reporter", edits: [], truncated: true } }), isTrusted),
    ).toMatchObject({
      cause: "untrusted-edit",
    });
  });

  it("needs the permissions of the approver and of later editors only", () => {
    const events: IssueEventFact[] = [
      { id: 1, kind: "renamed", actor: "early", at: at(5) },
      labeled(2, "owner", 10),
      { id: 3, kind: "renamed", actor: "late", at: at(20) },
    ];
    const bodyEdits = { author: "reporter", edits: [{ editor: "editor", editedAt: at(25) }], truncated: false };
    expect(loginsToCheck(facts({ events, bodyEdits }))).toEqual(["owner", "late", "editor"]);
  });
});
