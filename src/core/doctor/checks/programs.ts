import { checkOf, type DoctorCheck } from "../doctor-check.js";
import type { ProgramLookup, SettingsOutcome } from "../doctor-ports.js";

type Find = (program: string) => Promise<ProgramLookup>;

/** `[autonomous] agent_command`: its program found as `spawn` starts it (argv, no shell). */
export async function checkAgentCommand(settings: SettingsOutcome, find: Find): Promise<DoctorCheck> {
  const check = checkOf("agent-command", "agent command");
  if (settings.kind === "invalid") return check.skipped("the configuration is invalid");
  const argv = settings.settings.agentCommand;
  if (!argv?.length) {
    return check.warn(
      "no [autonomous] agent_command: `spawn --autonomous` needs one (or --agent-cmd)",
      'set [autonomous] agent_command in my-little-soda.toml, e.g. ["claude", "-p", "…"]',
    );
  }
  return lookUp(check, "[autonomous] agent_command", argv, find);
}

/** `[bottle] verify`: its program found as `bottle` and the loop run it. */
export async function checkVerifyCommand(settings: SettingsOutcome, find: Find): Promise<DoctorCheck> {
  const check = checkOf("verify-command", "verify command");
  if (settings.kind === "invalid") return check.skipped("the configuration is invalid");
  const argv = settings.settings.verify;
  if (!argv?.length) {
    return check.warn(
      "no [bottle] verify: pull requests are opened without a local check",
      'set [bottle] verify in my-little-soda.toml, e.g. "npm test"',
    );
  }
  return lookUp(check, "[bottle] verify", argv, find);
}

async function lookUp(
  check: ReturnType<typeof checkOf>,
  key: string,
  argv: readonly string[],
  find: Find,
): Promise<DoctorCheck> {
  const [program = ""] = argv;
  const line = argv.join(" ");
  const found = await find(program);
  if (found.kind === "missing") {
    return check.fail(`\`${program}\` (${key}) is not on PATH`, `install it, or give its full path in ${key}`);
  }
  if (found.kind === "not-executable") {
    return check.fail(`${found.path} (${key}) is not executable`, `chmod +x ${found.path}`);
  }
  return check.ok(`\`${line}\` → ${found.path}`);
}
