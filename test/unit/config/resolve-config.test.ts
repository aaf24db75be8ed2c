import { describe, expect, it } from "vitest";
import { parseRemoteUrl } from "../../../src/config/parse-remote-url.js";
import { resolveConfig, type ResolveConfigInput } from "../../../src/config/resolve-config.js";
import { resolveToken } from "../../../src/config/resolve-token.js";
import { splitCommand } from "../../../src/config/split-command.js";
import { AuthenticationError, ConfigError } from "../../../src/errors/index.js";

const base: ResolveConfigInput = { flags: {}, env: {}, file: {}, remoteUrl: undefined, root: "/repo" };

describe("resolveConfig precedence: flags > environment > file > defaults", () => {
  it("uses defaults when nothing is set", () => {
    const config = resolveConfig(base);
    expect(config.apiUrl).toBe("https://api.github.com");
    expect(config.agentId).toBe("agent001");
    expect(config.repository).toBeUndefined();
    expect(config.databasePath).toBe("/repo/.my-little-soda/my-little-soda.db");
    expect(config.autonomous.driftIntervalSeconds).toBe(10);
  });

  it("prefers flags to environment to file to the origin remote for the repository", () => {
    const file = { github: { owner: "file-o", repo: "file-r" } };
    const env = { GITHUB_REPOSITORY: "env-o/env-r" };
    const remoteUrl = "git@github.com:remote-o/remote-r.git";
    expect(resolveConfig({ ...base, remoteUrl }).repository).toMatchObject({ owner: "remote-o", repo: "remote-r" });
    expect(resolveConfig({ ...base, remoteUrl, file }).repository).toMatchObject({ owner: "file-o", repo: "file-r" });
    expect(resolveConfig({ ...base, remoteUrl, file, env }).repository).toMatchObject({
      owner: "env-o",
      repo: "env-r",
    });
    expect(
      resolveConfig({
        ...base,
        remoteUrl,
        file,
        env: { ...env, MY_LITTLE_SODA_GITHUB_OWNER: "mls-o", MY_LITTLE_SODA_GITHUB_REPO: "mls-r" },
      }).repository,
    ).toMatchObject({ owner: "mls-o", repo: "mls-r" });
    expect(resolveConfig({ ...base, remoteUrl, file, env, flags: { repo: "flag-o/flag-r" } }).repository).toMatchObject(
      {
        owner: "flag-o",
        repo: "flag-r",
      },
    );
  });

  it("orders API URL sources and derives Enterprise hosts from the remote", () => {
    expect(resolveConfig({ ...base, remoteUrl: "https://ghe.corp.example/team/app.git" }).apiUrl).toBe(
      "https://ghe.corp.example/api/v3",
    );
    const file = { github: { api_url: "https://file.example/api/v3" } };
    expect(resolveConfig({ ...base, file }).apiUrl).toBe("https://file.example/api/v3");
    expect(resolveConfig({ ...base, file, env: { GITHUB_API_URL: "https://actions.example/api/v3" } }).apiUrl).toBe(
      "https://actions.example/api/v3",
    );
    expect(
      resolveConfig({
        ...base,
        file,
        env: { GITHUB_API_URL: "https://actions.example/api/v3", MY_LITTLE_SODA_GITHUB_API_URL: "http://127.0.0.1:9/" },
      }).apiUrl,
    ).toBe("http://127.0.0.1:9");
    expect(
      resolveConfig({ ...base, flags: { apiUrl: "http://localhost:1" }, env: { GITHUB_API_URL: "https://x" } }).apiUrl,
    ).toBe("http://localhost:1");
  });

  it("orders agent ids and rejects malformed ones", () => {
    const file = { agent: { id: "agent002" } };
    expect(resolveConfig({ ...base, file }).agentId).toBe("agent002");
    expect(resolveConfig({ ...base, file, env: { MY_LITTLE_SODA_AGENT_ID: "agent003" } }).agentId).toBe("agent003");
    expect(
      resolveConfig({ ...base, file, flags: { agent: "agent004" }, env: { MY_LITTLE_SODA_AGENT_ID: "agent003" } })
        .agentId,
    ).toBe("agent004");
    expect(() => resolveConfig({ ...base, flags: { agent: "robot" } })).toThrow(ConfigError);
  });

  it("rejects a malformed --repo", () => {
    expect(() => resolveConfig({ ...base, flags: { repo: "just-a-name" } })).toThrowError(/--repo must be owner\/name/);
  });
});

describe("parseRemoteUrl", () => {
  it.each([
    ["https://github.com/acme/widgets.git", { host: "github.com", owner: "acme", repo: "widgets" }],
    ["https://github.com/acme/widgets", { host: "github.com", owner: "acme", repo: "widgets" }],
    ["git@github.com:acme/widgets.git", { host: "github.com", owner: "acme", repo: "widgets" }],
    ["ssh://git@github.com/acme/widgets.git", { host: "github.com", owner: "acme", repo: "widgets" }],
    ["ssh://git@ghe.corp.example:2222/team/app.git", { host: "ghe.corp.example", owner: "team", repo: "app" }],
    ["https://user@ghe.corp.example/team/app", { host: "ghe.corp.example", owner: "team", repo: "app" }],
  ])("%s", (url, expected) => {
    expect(parseRemoteUrl(url)).toEqual(expected);
  });

  it("ignores local paths", () => {
    expect(parseRemoteUrl("/tmp/origin.git")).toBeUndefined();
    expect(parseRemoteUrl("../origin")).toBeUndefined();
  });
});

describe("resolveToken discovery order", () => {
  const noGh = async () => undefined;
  it("takes MY_LITTLE_SODA_GITHUB_TOKEN, then GITHUB_TOKEN, then GH_TOKEN, then gh", async () => {
    const all = { MY_LITTLE_SODA_GITHUB_TOKEN: "a", GITHUB_TOKEN: "b", GH_TOKEN: "c" };
    expect((await resolveToken(all, noGh)).source).toBe("MY_LITTLE_SODA_GITHUB_TOKEN");
    expect((await resolveToken({ GITHUB_TOKEN: "b", GH_TOKEN: "c" }, noGh)).token).toBe("b");
    expect((await resolveToken({ GH_TOKEN: "c" }, noGh)).token).toBe("c");
    const calls: string[][] = [];
    const gh = async (args: string[]) => {
      calls.push(args);
      return "from-gh\n";
    };
    expect(await resolveToken({}, gh, "ghe.corp.example")).toEqual({ token: "from-gh", source: "gh auth token" });
    expect(calls).toEqual([["auth", "token", "--hostname", "ghe.corp.example"]]);
  });

  it("fails with an authentication error when there is no token anywhere", async () => {
    await expect(resolveToken({ GITHUB_TOKEN: "  " }, noGh)).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("splitCommand", () => {
  it("splits without a shell, honouring quotes and escapes", () => {
    expect(splitCommand(`claude -p "Read the task in \\"$MLS_PROMPT_FILE\\"" --x 'a b' c\\ d`)).toEqual([
      "claude",
      "-p",
      'Read the task in "$MLS_PROMPT_FILE"',
      "--x",
      "a b",
      "c d",
    ]);
    expect(splitCommand(["npm", "test"])).toEqual(["npm", "test"]);
    expect(() => splitCommand(`echo "open`)).toThrow(ConfigError);
  });
});

describe("[notify] webhook_url", () => {
  const file = { notify: { webhook_url: "https://hooks.slack.com/services/TFILE/BFILE/filekey123" } };

  it("is off by default, read from the file, and the environment wins", () => {
    expect(resolveConfig(base).notify.webhookUrl).toBeUndefined();
    expect(resolveConfig({ ...base, file }).notify.webhookUrl).toBe(file.notify.webhook_url);
    const env = { MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL: " https://example.com/hook/envkey12345 " };
    expect(resolveConfig({ ...base, file, env }).notify.webhookUrl).toBe("https://example.com/hook/envkey12345");
  });

  it("refuses what is not an http(s) URL without ever repeating it", () => {
    for (const [where, input] of [
      [
        "[notify] webhook_url",
        { ...base, file: { notify: { webhook_url: "hooks.slack.com/services/T/B/notaurlkey" } } },
      ],
      [
        "MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL",
        { ...base, env: { MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL: "ftp://x/notaurlkey" } },
      ],
    ] as const) {
      let error: unknown;
      try {
        resolveConfig(input);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(`${where} is not an http(s) URL`);
      expect(`${(error as ConfigError).message} ${(error as ConfigError).hint}`).not.toContain("notaurlkey");
    }
  });
});
