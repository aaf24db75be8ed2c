import { describeSpend, formatUsd, NO_SPEND, sumSpend, type AgentSpend } from "../../domain/agent-spend.js";
import type { LoopContext, Work } from "../work-context.js";

type LimitKey = "max_cost_usd_per_issue" | "max_cost_usd_per_run";

/** The cost an agent run may still report before a limit trips (design §5 "Spend governor"). */
export interface SpendAllowance {
  /** US dollars; `Infinity` when no limit is configured. May be 0 or less: a limit already passed. */
  maxCostUsd: number;
  key: LimitKey | undefined;
  /** Why the agent was (or would be) stopped, with the figures, given what this run reported. */
  reason(run: AgentSpend): string;
}

/**
 * The smaller of what is left of `max_cost_usd_per_issue` (every attempt at the issue, in any
 * run, as recorded on its work items) and of `max_cost_usd_per_run` (this loop's agents so far).
 */
export function spendAllowance(ctx: LoopContext, work: Work): SpendAllowance {
  const { maxCostUsdPerIssue, maxCostUsdPerRun } = ctx.settings;
  const issueSpend = ctx.deps.store
    .attemptsFor(work.issue.number)
    .reduce((total, item) => sumSpend(total, item.spend ?? NO_SPEND), NO_SPEND);
  const runSpend = ctx.runSpend.current;
  const limits: Array<{ key: LimitKey; limit: number; before: AgentSpend; what: string }> = [];
  if (maxCostUsdPerIssue !== undefined)
    limits.push({
      key: "max_cost_usd_per_issue",
      limit: maxCostUsdPerIssue,
      before: issueSpend,
      what: "on this issue",
    });
  if (maxCostUsdPerRun !== undefined)
    limits.push({ key: "max_cost_usd_per_run", limit: maxCostUsdPerRun, before: runSpend, what: "in this run" });
  const tightest = limits
    .map((entry) => ({ ...entry, left: entry.limit - (entry.before.costUsd ?? 0) }))
    .sort((a, b) => a.left - b.left)[0];
  if (!tightest) return { maxCostUsd: Infinity, key: undefined, reason: () => "no spend limit is configured" };
  return {
    maxCostUsd: tightest.left,
    key: tightest.key,
    reason: (run) => {
      const total = sumSpend(tightest.before, run);
      return (
        `the agent's reported cost ${tightest.what} reached ${describeSpend(total)}, ` +
        `over ${tightest.key} = ${formatUsd(tightest.limit)} (this run: ${describeSpend(run)})`
      );
    },
  };
}
