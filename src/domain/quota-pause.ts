import { createHash } from "node:crypto";

/**
 * A shared pause (design §5 "Quota"): the agent's plan limit was reached, so every loop running the
 * same agent command on this account waits until `until` instead of spending attempts.
 */
export interface QuotaPause {
  until: Date;
  /** The agent id whose run hit the limit. */
  agent: string;
  /** The agent's line that said so. */
  line: string;
}

const HEADER = "my-little-soda quota pause";

export function formatPauseMessage(pause: QuotaPause): string {
  return `${HEADER}\n\n${JSON.stringify({ v: 1, until: pause.until.toISOString(), agent: pause.agent, line: pause.line })}\n`;
}

export function parsePauseMessage(message: string): QuotaPause | undefined {
  if (!message.startsWith(HEADER)) return undefined;
  try {
    const data = JSON.parse(message.slice(HEADER.length).trim()) as Record<string, unknown>;
    const until = new Date(typeof data.until === "string" ? data.until : "");
    if (Number.isNaN(until.getTime()) || typeof data.agent !== "string" || typeof data.line !== "string")
      return undefined;
    return { until, agent: data.agent, line: data.line };
  } catch {
    return undefined;
  }
}

/**
 * Which loops share a pause: the plan limit belongs to the agent's account, and the same agent
 * command line on one repository is the best stand-in for it that the loop can see.
 */
export function agentCommandKey(command: readonly string[]): string {
  return createHash("sha256").update(command.join("\u0000")).digest("hex").slice(0, 12);
}
