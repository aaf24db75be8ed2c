import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ALICE_TOKEN, createHarness, OWNER_TOKEN, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("GET /issues/{n}/events", () => {
  it("records who added and removed each label, oldest first", async () => {
    const issue = h.repo.addIssue({ title: "labelled", labels: [] }).number;
    expect(
      (await h.api("POST", `issues/${issue}/labels`, { token: ALICE_TOKEN, body: { labels: ["bug"] } })).status,
    ).toBe(200);
    await h.api("POST", `issues/${issue}/labels`, { token: OWNER_TOKEN, body: { labels: ["route:ready_to_merge"] } });
    await h.api("DELETE", `issues/${issue}/labels/bug`, { token: OWNER_TOKEN });
    await h.api("PATCH", `issues/${issue}`, { token: ALICE_TOKEN, body: { labels: ["route:ready_to_merge", "docs"] } });

    const res = await h.api("GET", `issues/${issue}/events`);
    expect(res.status).toBe(200);
    const events = (res.data as Array<{ event: string; actor: { login: string }; label: { name: string } }>).map(
      (event) => `${event.event} ${event.label.name} by ${event.actor.login}`,
    );
    expect(events).toEqual([
      "labeled bug by alice",
      "labeled route:ready_to_merge by acme",
      "unlabeled bug by acme",
      "labeled docs by alice",
    ]);
  });

  it("is 404 for an issue that does not exist", async () => {
    expect((await h.api("GET", "issues/999/events")).status).toBe(404);
  });
});
