import { readFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../errors/index.js";
import { parseConfigFile } from "./parse-config-file.js";
import { resolveConfig, type ConfigFlags, type ResolvedConfig } from "./resolve-config.js";
import type { FileConfig } from "./settings.js";

export const CONFIG_FILE_NAME = "my-little-soda.toml";

export interface LoadConfigInput {
  flags: ConfigFlags & { config?: string };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The repository's top level, when the command runs inside one. */
  gitRoot: string | undefined;
  remoteUrl: string | undefined;
  read?: (file: string) => Promise<string | undefined>;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  warnings: string[];
  /** The config file's path, and whether it exists. */
  file: { path: string; exists: boolean };
}

/** Find, parse, validate and resolve the configuration: file + environment + flags. */
export async function loadConfig(input: LoadConfigInput): Promise<LoadedConfig> {
  const root = input.gitRoot ?? input.cwd;
  const explicit = input.flags.config ?? nonEmpty(input.env.MY_LITTLE_SODA_CONFIG);
  const file = explicit ? path.resolve(input.cwd, explicit) : path.join(root, CONFIG_FILE_NAME);
  const text = await (input.read ?? readIfExists)(file);
  if (text === undefined && explicit) {
    throw new ConfigError(`config file ${file} does not exist`, {
      hint: "check the --config path, or run `my-little-soda init`",
    });
  }
  let fileConfig: FileConfig = {};
  let warnings: string[] = [];
  if (text !== undefined) ({ config: fileConfig, warnings } = parseConfigFile(text, displayPath(file, input.cwd)));
  const config = resolveConfig({
    flags: input.flags,
    env: input.env,
    file: fileConfig,
    remoteUrl: input.remoteUrl,
    root,
  });
  return { config, warnings, file: { path: file, exists: text !== undefined } };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith("..") ? file : relative;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}
