/**
 * One line of `doctor` (design §4): what was checked, how it went, and for a warning or a problem
 * the one thing to do about it. `skipped` is a check that could not run because one it depends on
 * failed (no token: no permission check); its detail says which.
 */
export type DoctorStatus = "ok" | "warn" | "fail" | "skipped";

export const DOCTOR_CHECK_IDS = [
  "node",
  "git",
  "git-repository",
  "remote",
  "config",
  "token",
  "repository",
  "permissions",
  "labels",
  "agent-command",
  "verify-command",
  "store",
  "locks",
  "workflow",
  "rate-limit",
] as const;
export type DoctorCheckId = (typeof DOCTOR_CHECK_IDS)[number];

export interface DoctorCheck {
  id: DoctorCheckId;
  status: DoctorStatus;
  /** What is checked, a few words ("Node.js", "origin remote"). */
  title: string;
  /** What was found, one line. */
  detail: string;
  /** What to do, one line; null when nothing needs doing. */
  fix: string | null;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  /** Whether any check failed: `doctor` exits 7 then (design §7). */
  failed: boolean;
}

/** Builds the checks of one id: `check.ok("…")`, `check.fail("…", "fix")`. */
export function checkOf(id: DoctorCheckId, title: string) {
  return {
    ok: (detail: string): DoctorCheck => ({ id, status: "ok", title, detail, fix: null }),
    warn: (detail: string, fix: string): DoctorCheck => ({ id, status: "warn", title, detail, fix }),
    fail: (detail: string, fix: string): DoctorCheck => ({ id, status: "fail", title, detail, fix }),
    skipped: (reason: string): DoctorCheck => ({
      id,
      status: "skipped",
      title,
      detail: `skipped: ${reason}`,
      fix: null,
    }),
  };
}
