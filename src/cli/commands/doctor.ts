import { runDoctor as checkEverything } from "../../core/doctor/run-doctor.js";
import { ExitCode } from "../../errors/index.js";
import type { CommandContext } from "../command-context.js";
import { composeDoctor } from "../compose-doctor.js";
import { doctorJson } from "../json/doctor-json.js";
import { renderDoctor } from "../render/render-doctor.js";

export type DoctorOptions = Record<string, never>;

/** `doctor`: every check a first run needs, read-only; exit 7 when one fails (design §7). */
export async function runDoctor(_options: DoctorOptions, { globals, io, out }: CommandContext): Promise<number> {
  const report = await out.spin("Checking…", () => checkEverything(composeDoctor(globals, io, out)));
  if (out.json) out.printJson(doctorJson(report));
  else renderDoctor(report, out);
  return report.failed ? ExitCode.checkFailed : ExitCode.ok;
}
