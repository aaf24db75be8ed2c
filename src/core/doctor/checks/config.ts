import { checkOf, type DoctorCheck } from "../doctor-check.js";
import type { SettingsOutcome } from "../doctor-ports.js";

/** The configuration as every command loads it: wrong types fail, unknown keys warn (design §6). */
export function checkConfig(outcome: SettingsOutcome): DoctorCheck {
  const check = checkOf("config", "configuration");
  if (outcome.kind === "invalid") {
    return check.fail(outcome.message, outcome.hint ?? "fix the value; my-little-soda.example.toml lists every key");
  }
  const { settings } = outcome;
  const { configFile, warnings } = settings;
  if (warnings.length > 0) {
    const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more)` : "";
    return check.warn(`${warnings[0]}${more}`, "remove or rename the key; my-little-soda.example.toml lists every key");
  }
  const repository = settings.repository
    ? `${settings.repository.owner}/${settings.repository.repo} from ${settings.repository.source}`
    : "no repository named";
  if (!configFile.exists) {
    return check.warn(
      `no ${configFile.path}: defaults apply (${repository}, ${settings.agentId})`,
      "run `my-little-soda init` to write one",
    );
  }
  return check.ok(`${configFile.path} is valid (${repository}, ${settings.agentId})`);
}
