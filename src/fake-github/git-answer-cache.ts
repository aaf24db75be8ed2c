import type { BareRepo } from "./bare-repo.js";
import { parseUnifiedDiff, type FileDiff } from "./pull-diff.js";

// Answers about commits never change, so they are kept: a page of pull requests would
// otherwise cost several git processes each time a client polls it.

const LIMIT = 500;

export class GitAnswerCache {
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(private readonly bare: BareRepo) {}

  /** True when merging `head` into `base` conflicts, as GitHub's mergeability check finds. */
  conflicts(base: string, head: string): Promise<boolean> {
    return this.remember(`conflicts ${base} ${head}`, async () => (await this.bare.mergeTree(base, head)) === null);
  }

  isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return this.remember(`ancestor ${ancestor} ${descendant}`, () => this.bare.isAncestor(ancestor, descendant));
  }

  /** The pull request diff: from the merge base to the head ("three dots"), per file. */
  pullDiff(base: string, head: string): Promise<Map<string, FileDiff>> {
    return this.remember(`diff ${base} ${head}`, async () => {
      const mergeBase = (await this.bare.mergeBase(base, head)) ?? base;
      const text = await this.bare.git([
        "-c",
        "core.quotePath=false",
        "diff",
        "--no-color",
        "--no-ext-diff",
        "-M",
        mergeBase,
        head,
      ]);
      return parseUnifiedDiff(text);
    });
  }

  private remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const known = this.answers.get(key);
    if (known) return known as Promise<T>;
    const answer = compute();
    // A failure (a sha gone by gc, say) is not an answer worth keeping.
    answer.catch(() => this.answers.delete(key));
    this.answers.set(key, answer);
    if (this.answers.size > LIMIT) this.answers.delete(this.answers.keys().next().value as string);
    return answer;
  }
}
