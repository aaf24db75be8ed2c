import type { StopControl } from "../autonomous/loop-types.js";

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

/**
 * SIGINT / SIGTERM → the loop's StopControl (design §5 "Shutdown"): the first stops claiming and
 * gives the agent `graceMs` to finish before it is stopped; a second stops the agent at once.
 * Either way the loop checkpoints and exits 0.
 */
export function stopOnSignals(
  source: SignalSource,
  graceMs: number,
  notify: (message: string) => void,
): { control: StopControl; dispose(): void } {
  let stopping = false;
  const agent = new AbortController();
  const wake = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const onSignal = () => {
    if (!stopping) {
      stopping = true;
      wake.abort();
      notify(
        `stopping: no new issues; the agent has ${Math.round(graceMs / 1000)} s to finish (signal again to stop it now)`,
      );
      graceTimer = setTimeout(() => agent.abort(), graceMs);
      graceTimer.unref();
      return;
    }
    notify("stopping now");
    agent.abort();
  };
  source.on("SIGINT", onSignal);
  source.on("SIGTERM", onSignal);
  return {
    control: { stopping: () => stopping, agentSignal: agent.signal, wakeSignal: wake.signal },
    dispose() {
      if (graceTimer) clearTimeout(graceTimer);
      source.off("SIGINT", onSignal);
      source.off("SIGTERM", onSignal);
    },
  };
}
