import { describe, expect, it } from "vitest";
import { parseConfigFile } from "../../../src/config/parse-config-file.js";
import { ConfigError } from "../../../src/errors/index.js";

describe("parseConfigFile", () => {
  it("accepts a complete, valid file", () => {
    const { config, warnings } = parseConfigFile(
      `[github]\nowner = "acme"\nrepo = "widgets"\n[bottle]\nverify = ["npm", "test"]\ndraft = true\n[autonomous]\ntimeout_minutes = 30\n`,
      "my-little-soda.toml",
    );
    expect(warnings).toEqual([]);
    expect(config.github?.owner).toBe("acme");
    expect(config.bottle?.verify).toEqual(["npm", "test"]);
    expect(config.autonomous?.timeout_minutes).toBe(30);
  });

  it("names the file and line of malformed TOML", () => {
    expect(() => parseConfigFile(`[github]\nowner = "acme"\nrepo = widgets\n`, "my-little-soda.toml")).toThrowError(
      /^my-little-soda\.toml:3(:\d+)?: malformed TOML/,
    );
  });

  it("names the file, key and expected type of a wrong type", () => {
    let error: unknown;
    try {
      parseConfigFile(`[autonomous]\ntimeout_minutes = "soon"\n`, "conf.toml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'conf.toml: autonomous.timeout_minutes must be a positive number (found the string "soon")',
    );
  });

  it("rejects an invalid agent id with the expected form", () => {
    expect(() => parseConfigFile(`[agent]\nid = "bob"\n`, "c.toml")).toThrowError(
      /agent\.id must be an agent id: "agent" followed by digits/,
    );
  });

  it("warns about unknown keys and sections with a suggestion", () => {
    const { warnings } = parseConfigFile(
      `[github]\nonwer = "acme"\n[autonomus]\nx = 1\n[bottle]\nfrobnicate = 1\n`,
      "c.toml",
    );
    expect(warnings).toEqual([
      "c.toml: unknown key github.onwer (did you mean github.owner?); it is ignored",
      "c.toml: unknown section [autonomus] (did you mean [autonomous]?); it is ignored",
      "c.toml: unknown key bottle.frobnicate; it is ignored",
    ]);
  });
});
