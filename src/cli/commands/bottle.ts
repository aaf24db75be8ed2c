import { applyBottle } from "../../core/bottle/apply-bottle.js";
import { planBottle } from "../../core/bottle/plan-bottle.js";
import { planBottleWrites } from "../../core/bottle/plan-bottle-writes.js";
import { applyReworkDelivery } from "../../core/rework/apply-rework-delivery.js";
import { planReworkDelivery } from "../../core/rework/plan-rework-delivery.js";
import { planReworkDeliveryWrites } from "../../core/rework/plan-rework-delivery-writes.js";
import { ExitCode } from "../../errors/index.js";
import { createCommandRunner } from "../../process/run-command.js";
import { createAppContext } from "../compose.js";
import { bottleDryRunJson, bottleJson, bottleReworkJson } from "../json/bottle-json.js";
import type { CommandContext } from "../command-context.js";
import {
  renderBottleDryRun,
  renderBottleResult,
  renderReworkDelivery,
  renderReworkDeliveryDryRun,
} from "../render/render-bottle.js";

export interface BottleOptions {
  issue?: number;
  draft: boolean;
  /** false with --no-verify. */
  verify: boolean;
  dryRun: boolean;
}

export async function runBottle(options: BottleOptions, { globals, io, out }: CommandContext): Promise<number> {
  const app = await createAppContext(globals, io, out);
  const git = app.requireGit();
  const tracker = await app.tracker();
  const { agentId, bottle } = app.config;
  const settings = {
    agentId,
    verify: bottle.verify,
    noVerify: !options.verify,
    draft: options.draft || bottle.draft,
    returnToBase: bottle.returnToBase,
    workdir: await git.root(),
  };
  const plan = await out.spin("Checking the branch…", () =>
    planBottle({
      tracker,
      git,
      agentId,
      baseBranch: app.config.baseBranch,
      issueNumber: options.issue,
      willVerify: !settings.noVerify && settings.verify !== undefined,
    }),
  );
  // A branch whose pull request is ours in review: this is a rework round, not a delivery.
  const rework = await out.spin("Checking the pull request…", async () =>
    planReworkDelivery(plan, {
      tracker,
      review: await app.reviews(),
      git,
      store: await app.store({ create: false }),
      agentId,
      policy: app.config.review,
    }),
  );
  if (rework) {
    if (options.dryRun) {
      const writes = planReworkDeliveryWrites(rework, settings);
      if (out.json) out.printJson(bottleDryRunJson(plan, writes, true));
      else renderReworkDeliveryDryRun(rework, writes, out);
      return ExitCode.ok;
    }
    for (const file of plan.untracked) out.warn(`untracked file not delivered: ${file}`);
    const result = await out.spin("Delivering the rework…", async () =>
      applyReworkDelivery(
        rework,
        { ...settings, secrets: app.secrets },
        { tracker, review: await app.reviews(), git, runner: createCommandRunner(io.env) },
      ),
    );
    if (out.json) out.printJson(bottleReworkJson(result));
    else renderReworkDelivery(result, out);
    return ExitCode.ok;
  }
  if (options.dryRun) {
    const writes = planBottleWrites(plan, settings);
    if (out.json) out.printJson(bottleDryRunJson(plan, writes));
    else renderBottleDryRun(plan, writes, out);
    return ExitCode.ok;
  }
  for (const file of plan.untracked) out.warn(`untracked file not delivered: ${file}`);
  const result = await out.spin("Delivering…", () =>
    applyBottle(plan, settings, { tracker, git, runner: createCommandRunner(io.env) }),
  );
  if (out.json) out.printJson(bottleJson(result));
  else renderBottleResult(result, out);
  return ExitCode.ok;
}
