import { peek } from "../../core/peek.js";
import { ExitCode } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import { peekJson } from "../json/peek-json.js";
import type { CommandContext } from "../command-context.js";
import { renderPeek } from "../render/render-peek.js";

export interface PeekOptions {
  count: number;
  explain: boolean;
}

export async function runPeek(options: PeekOptions, { globals, io, out }: CommandContext): Promise<number> {
  const app = await createAppContext(globals, io, out);
  const tracker = await app.tracker();
  const result = await out.spin("Reading the queue…", () =>
    peek({ tracker, count: options.count, agentId: app.config.agentId, explain: options.explain }),
  );
  if (out.json) out.printJson(peekJson(result, options.count > 1));
  else renderPeek(result, out, options.count > 1);
  return ExitCode.ok;
}
