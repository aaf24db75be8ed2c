/**
 * Time a work item spent in one state (the agent's time: `run-agent`), from its checkpoints,
 * counted inside a window only, and how many times it entered that state within the window.
 * A state still held at `until` counts up to `until`; a checkpoint that stays in the state
 * (a detail recorded on the way) continues the same span.
 */
export function timeInState(
  checkpoints: ReadonlyArray<{ toState: string; at: Date }>,
  state: string,
  window: { since: Date; until: Date },
): { ms: number; entries: number } {
  const ordered = [...checkpoints].sort((a, b) => a.at.getTime() - b.at.getTime());
  const since = window.since.getTime();
  const until = window.until.getTime();
  let ms = 0;
  let entries = 0;
  let enteredAt: number | undefined;
  const close = (at: number) => {
    if (enteredAt === undefined) return;
    const from = Math.max(enteredAt, since);
    const to = Math.min(at, until);
    if (to > from) ms += to - from;
    enteredAt = undefined;
  };
  for (const checkpoint of ordered) {
    const at = checkpoint.at.getTime();
    if (checkpoint.toState !== state) {
      close(at);
      continue;
    }
    if (enteredAt !== undefined) continue;
    enteredAt = at;
    if (at >= since && at <= until) entries += 1;
  }
  close(until);
  return { ms, entries };
}
