import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStoreFixture, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

describe("trust refusals", () => {
  it("keeps the comment state while the approval is the same and starts afresh for a new one", () => {
    const store = fx.open();
    store.recordTrustRefusal({ issueNumber: 7, approval: "101", reason: "queued by tina" });
    store.markTrustCommentPosting(7);
    store.markTrustCommentPosted(7, "https://github.com/acme/widgets/issues/7#issuecomment-1");

    const again = store.recordTrustRefusal({ issueNumber: 7, approval: "101", reason: "queued by tina" });
    expect(again).toMatchObject({ commentPosting: true, commentUrl: expect.stringContaining("issuecomment-1") });

    const fresh = store.recordTrustRefusal({ issueNumber: 7, approval: "202", reason: "edited by mallory" });
    expect(fresh).toMatchObject({ approval: "202", reason: "edited by mallory", commentPosting: false });
    expect(fresh.commentUrl).toBeUndefined();
  });

  it("lists refusals by issue and forgets one that passed the gate; they survive reopening the file", () => {
    const store = fx.open();
    store.recordTrustRefusal({ issueNumber: 9, approval: "none", reason: "no record" });
    store.recordTrustRefusal({ issueNumber: 3, approval: "5", reason: "queued by tina" });
    store.clearTrustRefusal(9);
    store.close();
    const reopened = fx.open();
    expect(reopened.trustRefusals().map((refusal) => refusal.issueNumber)).toEqual([3]);
    expect(reopened.trustRefusal(9)).toBeUndefined();
  });
});
