/**
 * The examples each command's `--help` ends with, as `gh` shows them: what it is for, then the
 * command line. Plain data, so `--help` still loads nothing but commander (design §9).
 */
type Example = readonly [what: string, command: string];

export const EXAMPLES = {
  init: [
    ["Set up this repository: labels, my-little-soda.toml, .my-little-soda/", "my-little-soda init"],
    ["Also write a GitHub Actions workflow that runs `status --check`", "my-little-soda init --ci"],
    ["See every label and file it would create, and change nothing", "my-little-soda init --dry-run"],
    ["Rewrite an existing config for another repository", "my-little-soda --repo acme/widgets init --force"],
  ],
  peek: [
    ["The task `pop` would take next", "my-little-soda peek"],
    ["The first five in queue order", "my-little-soda peek -n 5"],
    ["Why the first queued issues are or are not next (dependencies, labels)", "my-little-soda peek --explain"],
    ["Only the next issue's number, for a script", "my-little-soda peek --json | jq .task.number"],
  ],
  pop: [
    ["Claim the next task and switch to its branch", "my-little-soda pop"],
    ["Claim issue 42 and work on it in a separate worktree", "my-little-soda pop --issue 42 --worktree"],
    ["See what a second agent would claim, claiming nothing", "my-little-soda --agent agent002 pop --dry-run"],
    ["Claim your next pull request that needs rework and print why", "my-little-soda pop --rework"],
  ],
  bottle: [
    [
      "Verify, push, open the pull request (on a rework branch: comment on it) and release the claim",
      "my-little-soda bottle",
    ],
    ["Deliver as a draft pull request", "my-little-soda bottle --draft"],
    [
      "Deliver issue 42's branch from elsewhere, without the verify command",
      "my-little-soda bottle --issue 42 --no-verify",
    ],
    ["See every push and label change it would make", "my-little-soda bottle --dry-run"],
  ],
  reset: [
    ["Release this agent's claims (asks first on a terminal)", "my-little-soda reset"],
    ["See what releasing agent002's claims would change", "my-little-soda --agent agent002 reset --dry-run"],
    ["Release every agent's claims without asking", "my-little-soda reset --all --yes"],
    ["Forget the autonomous loop's local state; nothing on GitHub changes", "my-little-soda reset --state-only"],
  ],
  status: [
    ["Repository, agent, claims, queue, reviews and problems", "my-little-soda status"],
    ["Fail a CI job when claims or labels contradict each other", "my-little-soda status --check"],
    ["The problems alone, for a script", "my-little-soda status --json | jq .problems"],
  ],
  spawn: [
    ["Handle one issue unattended, then exit", "my-little-soda spawn --autonomous --once"],
    ["Work through the queue and stop when it is empty", "my-little-soda spawn --autonomous --until-empty"],
    [
      "Run your own agent script for at most 4 hours and 10 issues",
      'my-little-soda spawn --autonomous --agent-cmd "./scripts/agent.sh" --max-hours 4 --max-issues 10',
    ],
    ["See what the loop would pick up and do, changing nothing", "my-little-soda spawn --autonomous --dry-run"],
  ],
  driftReport: [
    ["Every drift the loop recorded", "my-little-soda drift-report"],
    ["Drifts on issue 42 in the last day", "my-little-soda drift-report --since 24h --issue 42"],
    ["Check this agent's current claims against GitHub and git now", "my-little-soda drift-report --now"],
  ],
  recoveryReport: [
    ["Every recovery attempt, the success rate and mean time to recover", "my-little-soda recovery-report"],
    ["The last week only", "my-little-soda recovery-report --since 7d"],
    ["The summary figures, for a script", "my-little-soda recovery-report --json | jq .summary"],
  ],
  report: [
    ["What happened in the last 24 hours, and what needs you", "my-little-soda report"],
    [
      "The night's work as a page with charts to open in a browser",
      "my-little-soda report --since 12h --html report.html",
    ],
    [
      "The last week in Markdown (in GitHub Actions also on the job's summary page)",
      "my-little-soda report --since 7d --markdown",
    ],
    ["What needs you, for a script", "my-little-soda report --json | jq .needsYou"],
  ],
  continuityStatus: [
    ["Where the loop stands and what a restart would do", "my-little-soda continuity-status"],
    ["What a restart would do, for a script", "my-little-soda continuity-status --json | jq .restart"],
    ["The same for another agent on this machine", "my-little-soda --agent agent002 continuity-status"],
  ],
  doctor: [
    ["Check that this clone, its configuration and the token are ready for a first run", "my-little-soda doctor"],
    ["Only the warnings and problems", "my-little-soda doctor -q"],
    [
      "The failed checks' fixes, for a script",
      "my-little-soda doctor --json | jq -r '.checks[] | select(.status == \"fail\") | .fix'",
    ],
  ],
  completion: [
    [
      "Install bash completion where bash-completion finds it",
      "my-little-soda completion bash > ~/.local/share/bash-completion/completions/my-little-soda",
    ],
    ["Install zsh completion where compinit finds it", "my-little-soda completion zsh > ~/.zfunc/_my-little-soda"],
    ["Install fish completion", "my-little-soda completion fish > ~/.config/fish/completions/my-little-soda.fish"],
  ],
  demo: [
    ["Watch the whole flow against a local GitHub, no token needed", "my-little-soda demo"],
    ["Keep the demo repository afterwards to look around", "my-little-soda demo --keep"],
  ],
} as const satisfies Record<string, readonly Example[]>;

/** The `Examples:` section of a command's help. */
export function examplesHelp(examples: readonly Example[]): string {
  return `\nExamples:\n${examples.map(([what, command]) => `  # ${what}\n  $ ${command}\n`).join("\n")}`;
}
