import type { IssueTracker } from "../core/ports.js";

/**
 * A tracker whose methods open the real one on first use, so a report that turns out to need
 * no GitHub (nothing unfinished to predict) works without a token or a network.
 */
export function lazyTracker(open: () => Promise<IssueTracker>): IssueTracker {
  let opened: Promise<IssueTracker> | undefined;
  return new Proxy({} as IssueTracker, {
    get: (_target, name) => {
      // Not a thenable: `await` on the proxy must not take it for a promise.
      if (typeof name !== "string" || name === "then") return undefined;
      return async (...args: unknown[]) => {
        const tracker = await (opened ??= open());
        const method = tracker[name as keyof IssueTracker] as (...parameters: unknown[]) => Promise<unknown>;
        return method.apply(tracker, args);
      };
    },
  });
}
