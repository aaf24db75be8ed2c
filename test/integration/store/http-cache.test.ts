import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStoreFixture, START, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const response = (n: number) => ({
  etag: `W/"${n}"`,
  status: 200,
  body: JSON.stringify([{ number: n }]),
  headers: { "content-type": "application/json" },
});

describe("HTTP cache", () => {
  it("round-trips an entry, and a put replaces it", () => {
    const store = fx.open();
    const key = "GET https://api.github.com/repos/acme/widgets/issues/1 scope:abc";
    expect(store.getCachedResponse(key)).toBeUndefined();
    store.putCachedResponse(key, { ...response(1), lastModified: "Tue, 01 Jan 2030 00:00:00 GMT" });
    expect(store.getCachedResponse(key)).toEqual({
      ...response(1),
      lastModified: "Tue, 01 Jan 2030 00:00:00 GMT",
      storedAt: new Date(START),
    });
    fx.clock.advance(1000);
    store.putCachedResponse(key, response(2));
    expect(store.getCachedResponse(key)).toEqual({
      ...response(2),
      lastModified: undefined,
      storedAt: new Date(Date.parse(START) + 1000),
    });
  });

  it("keeps at most the bound, evicting the oldest entries", () => {
    const store = fx.open({ httpCacheMaxEntries: 3 });
    for (let n = 1; n <= 5; n++) {
      store.putCachedResponse(`k${n}`, response(n));
      fx.clock.advance(1000);
    }
    // Refreshing k3 makes it the newest, so k4 goes first when k6 arrives.
    store.putCachedResponse("k3", response(33));
    fx.clock.advance(1000);
    store.putCachedResponse("k6", response(6));

    const present = ["k1", "k2", "k3", "k4", "k5", "k6"].filter((key) => store.getCachedResponse(key) !== undefined);
    expect(present).toEqual(["k3", "k5", "k6"]);
  });

  it("holds 5,000 entries by default", () => {
    const store = fx.open();
    for (let n = 0; n < 5_010; n++) store.putCachedResponse(`k${n}`, { status: 200, body: "", headers: {} });
    expect(store.getCachedResponse("k9")).toBeUndefined();
    expect(store.getCachedResponse("k10")).toBeDefined();
    expect(store.getCachedResponse("k5009")).toBeDefined();
  });
});
