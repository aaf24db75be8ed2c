import type { AuditedWrite, RecordWrite } from "../core/audit.js";
import type { GitWorkspace } from "../core/ports.js";
import { isSodaError } from "../errors/index.js";

type Write = Pick<AuditedWrite, "action" | "target"> & { detail?: Record<string, unknown> };

/**
 * design §8's audit log, git side: a decorator around the `GitWorkspace` port that records each
 * write the tool makes — branches created, checked out, rebased, pushed and deleted, worktrees
 * added and removed, agent leftovers committed — with its outcome, so the adapter stays unaware.
 * Not recorded: `fetch` (it moves only remote-tracking refs, a local copy of the remote) and
 * `excludeLocally` (the tool's own housekeeping, done by every command). Every port method is
 * listed here, so a new one does not compile until someone decides whether it writes.
 */
export function auditGitWrites(git: GitWorkspace, record: RecordWrite): GitWorkspace {
  async function audited<T>(write: Write, run: () => Promise<T>, after?: (result: T) => Write | undefined) {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      await record({
        system: "git",
        ...write,
        outcome: "error",
        detail: {
          ...write.detail,
          ...(isSodaError(error) ? { reason: error.reason } : {}),
          message: error instanceof Error ? error.message : String(error),
        },
      });
      throw error;
    }
    const done = after ? after(result) : write;
    if (done) await record({ system: "git", ...done, outcome: "ok" });
    return result;
  }

  return {
    root: () => git.root(),
    remoteUrl: (remote) => git.remoteUrl(remote),
    currentBranch: () => git.currentBranch(),
    status: () => git.status(),
    countCommitsAhead: (base, head) => git.countCommitsAhead(base, head),
    hasRef: (ref) => git.hasRef(ref),
    resolveRef: (ref) => git.resolveRef(ref),
    fetch: (remote, branch) => git.fetch(remote, branch),
    listCommits: (base, head) => git.listCommits(base, head),
    listBranches: (prefix) => git.listBranches(prefix),
    excludeLocally: (patterns) => git.excludeLocally(patterns),
    isLinkedWorktree: () => git.isLinkedWorktree(),
    rememberedLease: (agentId) => git.rememberedLease(agentId),
    // Not recorded: a note in the clone's own config, bookkeeping like excludeLocally.
    rememberLease: (agentId, leaseSha) => git.rememberLease(agentId, leaseSha),
    isAncestor: (ref, target) => git.isAncestor(ref, target),
    unmergedFiles: () => git.unmergedFiles(),
    mergeInProgress: () => git.mergeInProgress(),
    commitTime: (ref) => git.commitTime(ref),
    mergeBase: (a, b) => git.mergeBase(a, b),

    createAndCheckoutBranch: (branch, startPoint) =>
      audited({ action: "create-branch", target: branch, detail: { startPoint } }, () =>
        git.createAndCheckoutBranch(branch, startPoint),
      ),
    checkout: (branch) => audited({ action: "checkout", target: branch }, () => git.checkout(branch)),
    addWorktree: (path, branch, startPoint) =>
      audited({ action: "add-worktree", target: path, detail: { branch, startPoint } }, () =>
        git.addWorktree(path, branch, startPoint),
      ),
    removeWorktree: (path) => audited({ action: "remove-worktree", target: path }, () => git.removeWorktree(path)),
    rebase: async (upstream) => {
      const branch = (await git.currentBranch()) ?? "HEAD";
      return audited({ action: "rebase", target: branch, detail: { upstream } }, () => git.rebase(upstream));
    },
    push: (remote, branch, remoteBranch = branch) =>
      audited({ action: "push", target: `${remote}/${remoteBranch}`, detail: { branch } }, () =>
        git.push(remote, branch, remoteBranch),
      ),
    merge: async (upstream, message) => {
      const branch = (await git.currentBranch()) ?? "HEAD";
      return audited({ action: "merge", target: branch, detail: { upstream } }, () => git.merge(upstream, message));
    },
    abortMerge: async () => {
      const branch = (await git.currentBranch()) ?? "HEAD";
      return audited({ action: "abort-merge", target: branch }, () => git.abortMerge());
    },
    fastForward: async (ref) => {
      const branch = (await git.currentBranch()) ?? "HEAD";
      return audited(
        { action: "fast-forward", target: branch, detail: { to: ref } },
        () => git.fastForward(ref),
        (moved) => (moved ? { action: "fast-forward", target: branch, detail: { to: ref } } : undefined),
      );
    },
    pushWithLease: (remote, branch, expectedRemoteSha) =>
      audited({ action: "push-with-lease", target: `${remote}/${branch}`, detail: { branch, expectedRemoteSha } }, () =>
        git.pushWithLease(remote, branch, expectedRemoteSha),
      ),
    deleteBranch: (branch) => audited({ action: "delete-branch", target: branch }, () => git.deleteBranch(branch)),
    // Recorded only when something was committed: staging an unchanged tree writes nothing.
    commitAll: async (message) => {
      const worktree = await git.root();
      const write = { action: "commit", target: (await git.currentBranch()) ?? "HEAD", detail: { worktree } };
      return audited(
        write,
        () => git.commitAll(message),
        (sha) => (sha ? { ...write, detail: { ...write.detail, sha } } : undefined),
      );
    },
  };
}
