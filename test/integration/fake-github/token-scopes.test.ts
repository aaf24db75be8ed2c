import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALICE_TOKEN, createHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ private: true });
  h.server.addUser("carol", "tok-carol-classic", { scopes: ["repo", "workflow"] });
  h.repo.setPermission("carol", "write");
});
afterAll(() => h.close());

describe("X-OAuth-Scopes", () => {
  it("names a classic token's scopes on every answer, errors included", async () => {
    const ok = await h.api("GET", "", { token: "tok-carol-classic" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-oauth-scopes")).toBe("repo, workflow");
    expect(ok.data.permissions).toMatchObject({ push: true, admin: false });
    const missing = await h.api("GET", "/repos/acme/nothing-here", { token: "tok-carol-classic" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-oauth-scopes")).toBe("repo, workflow");
    h.server.clearUnexpectedRequests();
  });

  it("is absent for any other token (fine-grained, App), as on GitHub", async () => {
    const res = await h.api("GET", "", { token: ALICE_TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.has("x-oauth-scopes")).toBe(false);
  });
});
