import { describe, expect, it } from "vitest";
import { handedOverMarks } from "../../../src/domain/claim-marks.js";

describe("handedOverMarks", () => {
  it("swaps the previous holder's agent label and assignee for the taker's, keeping everything else", () => {
    const marks = handedOverMarks(
      { labels: ["bug", "agent001", "route:priority-high"], assignees: ["bob", "carol"] },
      { agent: "agent001", login: "bob" },
      { agentId: "agent002", login: "dave" },
    );
    expect(marks).toEqual({ labels: ["bug", "route:priority-high", "agent002"], assignees: ["carol", "dave"] });
  });

  it("with one login for both agents, the assignee stays once; route:ready never comes back", () => {
    const marks = handedOverMarks(
      { labels: ["agent001", "route:ready"], assignees: ["alice"] },
      { agent: "agent001", login: "alice" },
      { agentId: "agent002", login: "alice" },
    );
    expect(marks).toEqual({ labels: ["agent002"], assignees: ["alice"] });
  });
});
