import { ApiError } from "./errors.js";
import type { GitIdentity } from "./bare-repo.js";
import type { RepoState } from "./state.js";

// "Rebase and merge": every head commit replayed onto the base, one new commit each, authors
// and messages kept, GitHub as committer (so even a head already on top of the base gets new
// shas, as on GitHub). Done with plumbing only: the bare repository has no work tree.

const cannotRebase = (): ApiError => new ApiError(405, "This branch can't be rebased");

/**
 * The tree of `commit` applied on top of `onto`: a three-way merge whose base is the commit's
 * parent. git 2.38's merge-tree has no --merge-base, so a throwaway commit with `onto`'s tree
 * and `parent` as its parent makes `parent` the merge base.
 */
async function cherryPickTree(repo: RepoState, onto: string, commit: string, parent: string): Promise<string | null> {
  const bare = repo.bare;
  if (onto === parent) return bare.treeOf(commit);
  const identity = { name: "fake-github", email: "fake-github@localhost" };
  const stand = await bare.commitTree({
    tree: await bare.treeOf(onto),
    parents: [parent],
    message: "rebase helper\n",
    author: identity,
    committer: identity,
  });
  return bare.mergeTree(stand, commit);
}

export async function replayOnto(repo: RepoState, base: string, head: string, committer: GitIdentity): Promise<string> {
  const out = await repo.bare.git(["rev-list", "--reverse", "--parents", `${base}..${head}`]);
  const commits = out
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split(" "));
  let onto = base;
  for (const [sha, ...parents] of commits) {
    const parent = parents[0];
    // A merge commit in the head cannot be replayed one parent at a time.
    if (!sha || !parent || parents.length > 1) throw cannotRebase();
    const tree = await cherryPickTree(repo, onto, sha, parent);
    const info = await repo.bare.readCommit(sha);
    if (!tree || !info) throw cannotRebase();
    onto = await repo.bare.commitTree({ tree, parents: [onto], message: info.message, author: info.author, committer });
  }
  return onto;
}
