import { randomUUID } from "node:crypto";
import os from "node:os";
import type { PopIdentity } from "../core/pop/apply-pop.js";

/**
 * Who claims when a person runs `pop` (a plain claim or `--take-over-stale`): this host, a fresh
 * run id, and a lease long enough for a person's working day, since nothing renews it (design §3).
 */
export function manualClaimIdentity(agentId: string, manualLeaseHours: number): Required<PopIdentity> {
  return {
    agentId,
    host: os.hostname(),
    runId: randomUUID(),
    now: () => new Date(),
    leaseMinutes: manualLeaseHours * 60,
    by: "pop",
  };
}
