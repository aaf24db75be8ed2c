import { assessReview } from "../../core/review/assess-review.js";
import { findOwnPulls, type OwnPull } from "../../core/review/find-own-pulls.js";
import { readPullFacts, type PullFacts } from "../../core/review/read-pull-facts.js";
import { lastPushOf, reworkRoundsOf } from "../../core/review/review-history.js";
import type { ProtectionFact } from "../../domain/review/facts.js";
import { isReworkStage, type ReviewAssessment } from "../../domain/review/verdict.js";
import type { LoopContext } from "../work-context.js";

/** What the review watch found to do about one of our pull requests. */
export interface ReviewAction {
  kind: "rework" | "land" | "escalate";
  own: OwnPull;
  facts: PullFacts;
  assessment: ReviewAssessment;
  /** Rework rounds already spent on it. */
  rounds: number;
}

interface Tracked {
  updatedAt: number;
  headSha: string;
  baseSha: string | undefined;
  facts: PullFacts;
  assessment: ReviewAssessment;
}

const WAITING: Partial<Record<string, string>> = {
  "waiting-for-ci": "waiting for CI",
  "waiting-for-approval-to-run": "waiting for a person to let CI run",
  "waiting-for-review": "waiting for review",
  approved: "approved and waiting for route:ready_to_merge",
  "ready-to-land": "ready to land",
  "rework-limit": "past max_rework_rounds",
};

/**
 * The loop's eye on its own pull requests in review (design §11). Each poll lists open pull
 * requests once (a 304 while none changed) and reads in full only those that changed — a push,
 * a review, a comment, a label — or whose base moved (seen through git, at no API cost). Checks
 * do not change a pull request, so while CI is running on some, one of them per poll has its
 * checks and statuses read again (two more requests, 304s while unchanged): a quiet poll costs
 * at most three requests, however many pull requests are open.
 */
export class ReviewWatch {
  private readonly tracked = new Map<number, Tracked>();
  private readonly protection = new Map<string, Promise<ProtectionFact | "none" | "unreadable">>();
  private cursor = 0;

  constructor(private readonly ctx: LoopContext) {}

  /** The pull requests that need the loop now: to land, to hand to a person, or to rework. */
  async poll(): Promise<ReviewAction[]> {
    const { deps, settings } = this.ctx;
    const { own } = await findOwnPulls(deps.review, settings.agentId);
    const open = new Set(own.map((entry) => entry.pull.number));
    for (const number of this.tracked.keys()) if (!open.has(number)) this.tracked.delete(number);
    const viewer = (await deps.tracker.getViewer()).login;
    const baseShas = new Map<string, string | undefined>();
    const stale: OwnPull[] = [];
    for (const entry of own) {
      const base = entry.pull.baseBranch;
      if (!baseShas.has(base)) baseShas.set(base, await this.baseHead(base));
      const known = this.tracked.get(entry.pull.number);
      const changed =
        !known ||
        known.updatedAt !== entry.pull.updatedAt.getTime() ||
        known.headSha !== entry.pull.headSha ||
        known.baseSha !== baseShas.get(base);
      if (changed) await this.read(entry, viewer, baseShas.get(base));
      else stale.push(entry);
    }
    await this.refreshOneRunningCi(stale);
    return this.actions(own);
  }

  private async read(entry: OwnPull, viewer: string, baseSha: string | undefined): Promise<void> {
    const since = await this.lastPush(entry);
    const facts = await readPullFacts(this.ctx.deps.review, entry.pull, {
      issueNumber: entry.issueNumber,
      viewer,
      since,
      protectionCache: this.protection,
    });
    this.tracked.set(entry.pull.number, {
      updatedAt: entry.pull.updatedAt.getTime(),
      headSha: entry.pull.headSha,
      baseSha,
      facts,
      assessment: assessReview(facts, this.ctx.settings.review, this.roundsOf(entry.issueNumber)),
    });
  }

  /** Checks change without the pull request changing: look again at one still running CI. */
  private async refreshOneRunningCi(candidates: OwnPull[]): Promise<void> {
    const running = candidates.filter((entry) => {
      const stage = this.tracked.get(entry.pull.number)?.assessment.stage;
      return stage === "waiting-for-ci" || stage === "waiting-for-approval-to-run";
    });
    if (running.length === 0) return;
    const entry = running[this.cursor++ % running.length];
    const known = entry && this.tracked.get(entry.pull.number);
    if (!entry || !known) return;
    const { review } = this.ctx.deps;
    const [runs, statuses] = await Promise.all([
      review.listCheckRuns(known.headSha),
      review.listCommitStatuses(known.headSha),
    ]);
    const facts: PullFacts = { ...known.facts, checks: { ...known.facts.checks, runs, statuses } };
    const assessment = assessReview(facts, this.ctx.settings.review, this.roundsOf(entry.issueNumber));
    // A check that failed since brings its log (and maybe new people) in: read the whole of it again.
    if (assessment.stage === "ci-failed") await this.read(entry, known.facts.feedback.viewer, known.baseSha);
    else this.tracked.set(entry.pull.number, { ...known, facts, assessment });
  }

  private actions(own: OwnPull[]): ReviewAction[] {
    const actions: ReviewAction[] = [];
    for (const entry of own) {
      const known = this.tracked.get(entry.pull.number);
      if (!known) continue;
      const { assessment, facts } = known;
      const rounds = this.roundsOf(entry.issueNumber);
      const kind =
        assessment.stage === "ready-to-land"
          ? "land"
          : assessment.stage === "rework-limit"
            ? "escalate"
            : isReworkStage(assessment.stage)
              ? "rework"
              : undefined;
      if (kind) actions.push({ kind, own: entry, facts, assessment, rounds });
    }
    // Landing is quick and frees a branch; a person's verdict (escalation) before more rework.
    const order = { land: 0, escalate: 1, rework: 2 };
    return actions.sort((a, b) => order[a.kind] - order[b.kind]);
  }

  /** The assessment last made of each pull request, for progress and `status`. */
  assessments(): Array<{ number: number; issueNumber: number; assessment: ReviewAssessment }> {
    return [...this.tracked.entries()].map(([number, known]) => ({
      number,
      issueNumber: known.facts.pull.issueNumber,
      assessment: known.assessment,
    }));
  }

  /**
   * Our pull requests in review that wait for something other than the loop, in a few words
   * ("in review, approved and waiting for route:ready_to_merge: #9; waiting for CI: #10, #11").
   */
  waitingSummary(): string | undefined {
    const byStage = new Map<string, number[]>();
    for (const [number, known] of this.tracked) {
      const { stage } = known.assessment;
      if (isReworkStage(stage)) continue;
      byStage.set(stage, [...(byStage.get(stage) ?? []), number]);
    }
    if (byStage.size === 0) return undefined;
    const parts = [...byStage].map(
      ([stage, numbers]) => `${WAITING[stage] ?? stage}: ${numbers.map((number) => `#${number}`).join(", ")}`,
    );
    return `in review, ${parts.join("; ")}`;
  }

  /** Forget a pull request, so the next poll reads it in full (after the loop changed it). */
  forget(number: number): void {
    this.tracked.delete(number);
  }

  private roundsOf(issueNumber: number): number {
    return reworkRoundsOf(this.ctx.deps.store, issueNumber);
  }

  /**
   * When the loop last pushed to the branch: its last delivery or rework round, or — for a pull
   * request delivered elsewhere — the head commit's time.
   */
  private lastPush(entry: OwnPull): Promise<Date> {
    const { store, git } = this.ctx.deps;
    return lastPushOf({ store, git }, { issueNumber: entry.issueNumber, ...entry.pull });
  }

  private async baseHead(base: string): Promise<string | undefined> {
    const { git } = this.ctx.deps;
    await git.fetch("origin", base);
    return git.resolveRef(`origin/${base}`);
  }
}
