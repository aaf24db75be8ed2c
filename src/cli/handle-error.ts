import { ExitCode, isSodaError, NothingToDoError } from "../errors/index.js";
import type { Output } from "./output.js";

/**
 * The one top-level handler (design §7): our error classes carry their exit code and hint;
 * anything else is a bug. Stacks only with --debug; request objects are never printed.
 */
export function handleError(error: unknown, out: Output): ExitCode {
  if (error instanceof NothingToDoError) {
    out.notice(error.message);
    return error.exitCode;
  }
  if (isSodaError(error)) {
    if (error.details && !out.quiet) out.notice(error.details);
    out.error(error.message, error.hint);
    if (out.debugEnabled && error.stack) out.debug(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  out.error(
    `unexpected internal error: ${message}`,
    "this is a bug in my-little-soda; re-run with --debug and report the output",
  );
  if (out.debugEnabled && error instanceof Error && error.stack) out.debug(error.stack);
  return ExitCode.internal;
}
