import type { BottleDryRunJson, BottleJson, BottleReworkJson } from "./bottle-json.js";
import type { ContinuityStatusJson } from "./continuity-status-json.js";
import type { DoctorJson } from "./doctor-json.js";
import type { DriftReportJson } from "./drift-report-json.js";
import type { InitJson } from "./init-json.js";
import type { PeekJson } from "./peek-json.js";
import type { PopDryRunJson, PopJson } from "./pop-json.js";
import type { PopReworkDryRunJson, PopReworkJson } from "./pop-rework-json.js";
import type { PopTakeoverDryRunJson, PopTakeoverJson } from "./pop-takeover-json.js";
import type { RecoveryReportJson } from "./recovery-report-json.js";
import type { ReportJson } from "./report-json.js";
import type { LocalResetJson, NothingToResetJson, ResetJson } from "./reset-json.js";
import type { SpawnDryRunJson, SpawnSummaryJson } from "./spawn-json.js";
import type { StatusJson } from "./status-json.js";

/** Every `--json` output there is; `Output.printJson` takes nothing else. */
export type CommandJson =
  | InitJson
  | PeekJson
  | PopJson
  | PopDryRunJson
  | PopReworkJson
  | PopReworkDryRunJson
  | PopTakeoverJson
  | PopTakeoverDryRunJson
  | BottleJson
  | BottleReworkJson
  | BottleDryRunJson
  | ResetJson
  | NothingToResetJson
  | LocalResetJson
  | StatusJson
  | SpawnDryRunJson
  | SpawnSummaryJson
  | DriftReportJson
  | RecoveryReportJson
  | ReportJson
  | ContinuityStatusJson
  | DoctorJson;
