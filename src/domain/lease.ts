/**
 * The lease that rides on a claim ref (design §3): the ref points at a commit whose message
 * holds who holds the claim and since when. A heartbeat or a takeover fast-forwards the ref
 * to a child commit, so a holder whose ref moved on without it can tell it lost the claim.
 */
export interface Lease {
  agent: string;
  /** The GitHub login that claimed, and so the assignee this tool added. */
  login: string;
  host: string;
  runId: string;
  heartbeatAt: Date;
  /** Bumped on each takeover; heartbeats keep it. */
  epoch: number;
  /**
   * How long after its heartbeat the lease is stale, as its writer set it: a loop's claims
   * `[autonomous] lease_minutes`, a claim made by hand `manual_lease_hours`. Leases written before
   * this field (or by hand) have none: the reader's `lease_minutes` applies.
   */
  leaseMinutes?: number;
  /**
   * What made the claim: a loop resumes a claim of its agent id that a loop made even without a
   * record of it (a fresh CI runner, design §5), never one a person made by hand with `pop`.
   */
  by?: "loop" | "pop";
}

const HEADER = "my-little-soda claim lease";

export function formatLeaseMessage(lease: Lease): string {
  const payload = {
    v: 1,
    agent: lease.agent,
    login: lease.login,
    host: lease.host,
    runId: lease.runId,
    heartbeatAt: lease.heartbeatAt.toISOString(),
    epoch: lease.epoch,
    ...(lease.leaseMinutes === undefined ? {} : { leaseMinutes: lease.leaseMinutes }),
    ...(lease.by === undefined ? {} : { by: lease.by }),
  };
  return `${HEADER}\n\n${JSON.stringify(payload)}\n`;
}

/** The lease in a commit message, or undefined when the message is not one of ours. */
export function parseLeaseMessage(message: string): Lease | undefined {
  if (!message.startsWith(HEADER)) return undefined;
  const json = message.slice(HEADER.length).trim();
  try {
    const data: unknown = JSON.parse(json);
    if (typeof data !== "object" || data === null) return undefined;
    const { agent, login, host, runId, heartbeatAt, epoch, leaseMinutes, by } = data as Record<string, unknown>;
    if (typeof agent !== "string" || typeof login !== "string" || typeof host !== "string") return undefined;
    if (typeof runId !== "string" || typeof heartbeatAt !== "string" || typeof epoch !== "number") return undefined;
    const at = new Date(heartbeatAt);
    if (Number.isNaN(at.getTime())) return undefined;
    const minutes = typeof leaseMinutes === "number" && leaseMinutes > 0 ? { leaseMinutes } : {};
    const maker: { by?: "loop" | "pop" } = by === "loop" || by === "pop" ? { by } : {};
    return { agent, login, host, runId, heartbeatAt: at, epoch, ...minutes, ...maker };
  } catch {
    return undefined;
  }
}

export function leaseAgeSeconds(lease: Lease, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - lease.heartbeatAt.getTime()) / 1000));
}

/** Stale once its heartbeat is older than the lease's own duration, or else `leaseMinutes`. */
export function isLeaseStale(lease: Lease, now: Date, leaseMinutes: number): boolean {
  return now.getTime() - lease.heartbeatAt.getTime() > (lease.leaseMinutes ?? leaseMinutes) * 60_000;
}

/** The lease a takeover writes over `previous`: the taker's identity, a fresh heartbeat, epoch + 1. */
export function takeoverLease(previous: Lease, taker: Omit<Lease, "epoch">): Lease {
  return { ...taker, epoch: previous.epoch + 1 };
}
