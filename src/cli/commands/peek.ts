import { peek } from "../../core/peek.js";
import { ExitCode } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import type { CommandContext, PeekOptions } from "../program.js";
import { renderPeek } from "../render/render-peek.js";

export async function runPeek(options: PeekOptions, { globals, io, out }: CommandContext): Promise<number> {
  const app = await createAppContext(globals, io, out);
  const tracker = await app.tracker();
  const result = await out.spin("Reading the queue…", () => peek({ tracker, count: options.count }));
  if (out.json) {
    out.printJson({
      schemaVersion: 1,
      task: result.task,
      ...(options.count > 1 ? { tasks: result.tasks } : {}),
      queueDepth: result.queueDepth,
    });
  } else {
    renderPeek(result, out, options.count > 1);
  }
  return ExitCode.ok;
}
