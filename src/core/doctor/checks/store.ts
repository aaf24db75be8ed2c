import path from "node:path";
import { judgeLoopLiveness } from "../../../domain/loop-liveness.js";
import { checkOf, type DoctorCheck } from "../doctor-check.js";
import type { DoctorSettings, StoreInspection } from "../doctor-ports.js";

const MOVE_ASIDE = "move the file aside (the loop starts with empty local state; keep the old one to inspect)";

/** The store can be read, by a schema this code knows, and SQLite finds nothing damaged (design §8). */
export function checkStore(inspection: StoreInspection, file: string, root: string): DoctorCheck {
  const check = checkOf("store", "local store");
  const shown = path.relative(root, file).startsWith("..") ? file : path.relative(root, file);
  if (inspection.kind === "absent")
    return check.ok(`${shown}: not created yet (the first \`status\` or \`spawn\` makes it)`);
  if (inspection.kind === "unreadable") return check.fail(`${shown} cannot be read: ${inspection.message}`, MOVE_ASIDE);
  const { schemaVersion, latestSchemaVersion, problems } = inspection;
  if (schemaVersion > latestSchemaVersion) {
    return check.fail(
      `${shown} has schema ${schemaVersion}, newer than this version of my-little-soda knows (${latestSchemaVersion})`,
      "upgrade my-little-soda",
    );
  }
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
    return check.fail(`${shown} is damaged: ${problems.slice(0, 3).join("; ")}${more}`, MOVE_ASIDE);
  }
  const migrate = schemaVersion < latestSchemaVersion ? `, brought to ${latestSchemaVersion} when next opened` : "";
  return check.ok(`${shown}: schema ${schemaVersion}${migrate}, integrity ok`);
}

export interface LockEnvironment {
  settings: DoctorSettings;
  hostname: string;
  now: Date;
  isProcessAlive(pid: number): boolean;
}

/**
 * This agent's loop lock. A live holder is a loop running (fine); a dead pid on this host is taken
 * over by the next `spawn`, which then resumes from the checkpoint; a holder on another host whose
 * heartbeat stopped is not — `spawn` refuses while it is there (design §5).
 */
export function checkLocks(inspection: StoreInspection, env: LockEnvironment): DoctorCheck {
  const check = checkOf("locks", "loop lock");
  if (inspection.kind === "absent") return check.ok("none (no store yet)");
  if (inspection.kind === "unreadable") return check.skipped("the store cannot be read");
  const { agentId, repository, leaseMinutes } = env.settings;
  const fullName = repository ? `${repository.owner}/${repository.repo}`.toLowerCase() : undefined;
  const held = inspection.loopLocks.filter(
    (lock) => lock.agentId === agentId && (fullName === undefined || lock.repository.toLowerCase() === fullName),
  );
  const lock = held[0];
  if (!lock) return check.ok(`no loop lock held for ${agentId}`);
  const liveness = judgeLoopLiveness(lock, {
    host: env.hostname,
    now: env.now,
    isProcessAlive: (pid) => env.isProcessAlive(pid),
    staleAfterMs: leaseMinutes * 60_000,
  });
  const holder = `pid ${lock.pid} on ${liveness.sameHost ? "this host" : lock.host}, since ${lock.since.toISOString()}`;
  if (liveness.running) return check.ok(`a loop is running for ${agentId}: ${holder}`);
  if (liveness.sameHost) {
    return check.warn(
      `${agentId}'s loop lock is held by ${holder}, and that process is gone (a killed loop)`,
      "`my-little-soda continuity-status` shows what the next `spawn` resumes; it takes the lock over",
    );
  }
  return check.fail(
    `${agentId}'s loop lock is held by ${holder}, heartbeat ${Math.round(liveness.heartbeatAgeSeconds / 60)} min old: \`spawn\` refuses while it is there`,
    `if that loop is gone: sqlite3 ${env.settings.databasePath} "DELETE FROM loop_lock WHERE agent_id = '${agentId}'"`,
  );
}
