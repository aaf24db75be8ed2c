import { describe, expect, it } from "vitest";
import { redactText, redactUrl, redactValue, secretPartsOfUrl } from "../../../src/domain/redact-secrets.js";

describe("redactText", () => {
  it.each([
    ["classic", `ghp_${"a".repeat(36)}`],
    ["OAuth", `gho_${"B".repeat(36)}`],
    ["user-to-server", `ghu_${"c1".repeat(18)}`],
    ["server-to-server", `ghs_${"D".repeat(36)}`],
    ["refresh", `ghr_${"e".repeat(36)}`],
    ["fine-grained", `github_pat_11AAAAAAA0${"f_G".repeat(20)}`],
  ])("removes a %s token wherever it sits in the text", (_kind, token) => {
    expect(redactText(`before ${token} after`)).toBe("before *** after");
    expect(redactText(`x=${token};`)).toBe("x=***;");
    expect(redactText(`prefix${token}`)).toBe("prefix***");
  });

  it("removes URL credentials and authorization values, keeps what only looks similar", () => {
    expect(redactText("https://user:s3cret@example.com/a.git")).toBe("https://***@example.com/a.git");
    expect(redactText(`Authorization: token ${"z".repeat(40)}`)).toBe("Authorization: token ***");
    expect(redactText(`bearer ${"Z9".repeat(10)}`)).toBe("bearer ***");
    expect(redactText("ghp_short and a token expired")).toBe("ghp_short and a token expired");
    expect(redactText("a".repeat(40))).toBe("a".repeat(40)); // a commit sha
  });

  it("removes a secret the caller names, but ignores one too short to be a token", () => {
    expect(redactText("key=abcdef0123456789 and again abcdef0123456789", ["abcdef0123456789"])).toBe(
      "key=*** and again ***",
    );
    expect(redactText("a short one", ["a"])).toBe("a short one");
  });
});

describe("redactValue", () => {
  it("copies a JSON value with every string redacted and secret-named keys blanked", () => {
    const token = `ghp_${"a".repeat(36)}`;
    const input = {
      message: `bad ${token}`,
      headers: { Authorization: "anything", Token: "x" },
      list: [1, token, null, { password: "p" }],
      n: 4,
      token: 7,
    };
    expect(redactValue(input)).toEqual({
      message: "bad ***",
      headers: { Authorization: "***", Token: "***" },
      list: [1, "***", null, { password: "***" }],
      n: 4,
      token: 7,
    });
    expect(input.message).toContain(token); // not changed in place
    expect(redactValue(undefined)).toBeUndefined();
  });
});

describe("a secret URL (a webhook)", () => {
  const url = "https://hooks.slack.com/services/T0001/B0002/XXXXXXXXXXXXXXXX";

  it("is shown as scheme and host only", () => {
    expect(redactUrl(url)).toBe("https://hooks.slack.com/…");
    expect(redactUrl("http://127.0.0.1:4567/hook?key=abc")).toBe("http://127.0.0.1:4567/…");
    expect(redactUrl("not a url at all")).toBe("***");
  });

  it("gives the parts to scrub: the URL, its path and query, its credentials", () => {
    expect(secretPartsOfUrl(url)).toEqual([url, "/services/T0001/B0002/XXXXXXXXXXXXXXXX"]);
    expect(secretPartsOfUrl("https://user:pa55word@example.com/hook?key=k")).toEqual([
      "https://user:pa55word@example.com/hook?key=k",
      "/hook?key=k",
      "user",
      "pa55word",
    ]);
    // Scrubbed with them, the text keeps the host and loses the key, whether it shows the URL or its path.
    const secrets = secretPartsOfUrl(url);
    expect(redactText(`POST ${url} failed`, secrets)).toBe("POST *** failed");
    expect(redactText("path /services/T0001/B0002/XXXXXXXXXXXXXXXX", secrets)).toBe("path ***");
  });
});
