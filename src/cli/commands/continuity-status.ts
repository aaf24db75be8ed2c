import { existsSync } from "node:fs";
import os from "node:os";
import { isProcessGroupAlive } from "../../autonomous/agent/kill-process-group.js";
import { readContinuity } from "../../autonomous/read-continuity.js";
import { ConfigError, ExitCode } from "../../errors/index.js";
import { openStore } from "../../store/open-store.js";
import { isProcessAlive } from "../../store/process-alive.js";
import { createAppContext, type AppContext } from "../compose.js";
import { continuityStatusJson } from "../json/continuity-status-json.js";
import type { CommandContext } from "../command-context.js";
import { renderContinuity } from "../render/render-continuity.js";

export type ContinuityStatusOptions = Record<string, never>;

/**
 * `continuity-status`: exit 0, or 7 when the store fails its integrity check. GitHub being
 * unreachable only leaves the restart prediction out; the local report still stands.
 */
export async function runContinuityStatus(
  _options: ContinuityStatusOptions,
  { globals, io, out }: CommandContext,
): Promise<number> {
  const app = await createAppContext(globals, io, out);
  const storePath = app.config.databasePath;
  const report = await out.spin("Reading the local state…", () =>
    readContinuity(
      {
        // Opened here rather than through app.store(): that one refuses a damaged file, and this
        // command is where damage gets reported. Never created: no file means no state.
        openStore: () =>
          app.git && existsSync(storePath)
            ? openStore({ path: storePath, secrets: app.secrets, check: "none" })
            : undefined,
        tracker: () => app.tracker(),
        git: app.git,
        isProcessAlive,
        isProcessGroupAlive,
        now: () => new Date(),
      },
      {
        agentId: app.config.agentId,
        repository: repositoryName(app),
        host: os.hostname(),
        storePath,
        staleAfterMs: app.config.autonomous.leaseMinutes * 60_000,
      },
    ),
  );
  if (out.json) out.printJson(continuityStatusJson(report));
  else renderContinuity(report, out, { root: app.root });
  return report.integrity?.ok === false ? ExitCode.checkFailed : ExitCode.ok;
}

/** owner/name, or undefined when not configured (the store's latest run names it then). */
function repositoryName(app: AppContext): string | undefined {
  try {
    const { owner, repo } = app.requireRepository();
    return `${owner}/${repo}`;
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}
