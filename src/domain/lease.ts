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
    const { agent, login, host, runId, heartbeatAt, epoch } = data as Record<string, unknown>;
    if (typeof agent !== "string" || typeof login !== "string" || typeof host !== "string") return undefined;
    if (typeof runId !== "string" || typeof heartbeatAt !== "string" || typeof epoch !== "number") return undefined;
    const at = new Date(heartbeatAt);
    if (Number.isNaN(at.getTime())) return undefined;
    return { agent, login, host, runId, heartbeatAt: at, epoch };
  } catch {
    return undefined;
  }
}

export function leaseAgeSeconds(lease: Lease, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - lease.heartbeatAt.getTime()) / 1000));
}

export function isLeaseStale(lease: Lease, now: Date, leaseMinutes: number): boolean {
  return now.getTime() - lease.heartbeatAt.getTime() > leaseMinutes * 60_000;
}
