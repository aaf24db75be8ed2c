import { describe, expect, it } from "vitest";
import { releaseOf } from "../../../src/domain/release-claim.js";

describe("releaseOf", () => {
  it("puts an open claimed issue back in the queue and removes only the assignee the tool added", () => {
    const release = releaseOf({ state: "open", labels: ["bug", "agent001"], assignees: ["bob", "alice"] }, "alice");
    expect(release).toEqual({
      marks: { labels: ["bug", "route:ready"], assignees: ["bob"] },
      labelsRemoved: ["agent001"],
      requeued: true,
      assigneeRemoved: "alice",
    });
  });

  it("removes no assignee when the tool's login is unknown or not assigned", () => {
    expect(releaseOf({ state: "open", labels: ["agent002"], assignees: ["bob"] }, undefined).marks).toEqual({
      labels: ["route:ready"],
      assignees: ["bob"],
    });
    expect(releaseOf({ state: "open", labels: ["agent002"], assignees: ["bob"] }, "alice").assigneeRemoved).toBeNull();
  });

  it("takes every agent label off and does not count route:ready as added when it was still there", () => {
    const release = releaseOf(
      { state: "open", labels: ["route:ready", "agent001", "agent002"], assignees: [] },
      "alice",
    );
    expect(release).toEqual({
      marks: { labels: ["route:ready"], assignees: [] },
      labelsRemoved: ["agent001", "agent002"],
      requeued: false,
      assigneeRemoved: null,
    });
  });

  it("only takes the agent label off a closed issue: not queued again, assignee kept", () => {
    const release = releaseOf({ state: "closed", labels: ["agent001", "bug"], assignees: ["alice"] }, "alice");
    expect(release).toEqual({
      marks: { labels: ["bug"], assignees: ["alice"] },
      labelsRemoved: ["agent001"],
      requeued: false,
      assigneeRemoved: null,
    });
  });

  it("does not queue again an issue already in review", () => {
    const release = releaseOf({ state: "open", labels: ["route:review", "agent001"], assignees: ["alice"] }, "alice");
    expect(release.marks).toEqual({ labels: ["route:review"], assignees: ["alice"] });
    expect(release.requeued).toBe(false);
  });

  it("writes nothing for an issue whose claim never became visible (a lock alone)", () => {
    expect(releaseOf({ state: "open", labels: ["route:ready"], assignees: [] }, "alice")).toEqual({
      marks: undefined,
      labelsRemoved: [],
      requeued: false,
      assigneeRemoved: null,
    });
  });
});
