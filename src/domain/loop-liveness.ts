/**
 * Whether the loop holding the one-loop-per-agent lock (design §5) is still running. A killed loop
 * (kill -9) leaves its lock behind, so the lock alone does not say: on this host its pid does;
 * a pid on another host cannot be checked, so there a heartbeat older than `staleAfterMs` counts
 * as gone (the loop heartbeats several times per lease).
 */

export interface LockHolderFacts {
  pid: number;
  host: string;
  heartbeatAt: Date;
}

export interface LivenessEnvironment {
  /** This machine's host name. */
  host: string;
  now: Date;
  isProcessAlive(pid: number): boolean;
  staleAfterMs: number;
}

export interface LoopLiveness {
  running: boolean;
  sameHost: boolean;
  /** Whether the holder's pid is alive; null on another host, where it cannot be checked. */
  processAlive: boolean | null;
  heartbeatAgeSeconds: number;
}

export function judgeLoopLiveness(holder: LockHolderFacts, env: LivenessEnvironment): LoopLiveness {
  const sameHost = holder.host === env.host;
  const heartbeatAgeMs = Math.max(0, env.now.getTime() - holder.heartbeatAt.getTime());
  const processAlive = sameHost ? env.isProcessAlive(holder.pid) : null;
  const running = processAlive ?? heartbeatAgeMs <= env.staleAfterMs;
  return { running, sameHost, processAlive, heartbeatAgeSeconds: Math.floor(heartbeatAgeMs / 1000) };
}
