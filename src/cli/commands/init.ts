import { applyInit } from "../../core/init/apply-init.js";
import { planInit } from "../../core/init/plan-init.js";
import { planInitWrites } from "../../core/init/plan-init-writes.js";
import { ExitCode } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import { initJson } from "../json/init-json.js";
import type { CommandContext } from "../command-context.js";
import { renderInit } from "../render/render-init.js";

export interface InitOptions {
  force: boolean;
  ci: boolean;
  dryRun: boolean;
}

export async function runInit(options: InitOptions, { globals, io, out }: CommandContext): Promise<number> {
  const app = await createAppContext(globals, io, out);
  const git = app.requireGit();
  const root = await git.root();
  const tracker = await app.tracker({ cache: false });
  const plan = await out.spin("Checking access to GitHub…", () =>
    planInit({
      tracker,
      files: app.files,
      root,
      agentId: app.config.agentId,
      apiUrl: app.config.apiUrl,
      baseBranch: app.config.baseBranch,
      configPath: app.configFile.path,
      force: options.force,
      ci: options.ci,
    }),
  );
  const result = await out.spin("Setting up labels and files…", () =>
    applyInit(plan, { tracker, files: app.files, root, dryRun: options.dryRun }),
  );
  if (out.json) out.printJson(initJson(result, options.dryRun ? planInitWrites(plan) : undefined));
  else renderInit(result, out);
  return ExitCode.ok;
}
