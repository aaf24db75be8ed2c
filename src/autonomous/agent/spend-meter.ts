import { StringDecoder } from "node:string_decoder";
import { addReading, NO_SPEND, readSpendLine, type AgentSpend } from "../../domain/agent-spend.js";

/** Longer lines are not spend lines worth holding in memory (a result object is well under this). */
const MAX_LINE_CHARS = 1_000_000;

/**
 * Reads an agent's stdout as it arrives, line by line, and keeps what it has spent so far
 * (design §5 "Spend governor"). `onSpend` is called after every reading, so the runner can stop
 * an agent the moment it goes over its limit rather than after it exits.
 */
export class SpendMeter {
  private readonly decoder = new StringDecoder("utf8");
  private partial = "";
  private spend: AgentSpend = NO_SPEND;

  constructor(private readonly onSpend: (spend: AgentSpend) => void) {}

  push(chunk: Buffer): void {
    const text = this.partial + this.decoder.write(chunk);
    const lines = text.split("\n");
    this.partial = lines.pop() ?? "";
    if (this.partial.length > MAX_LINE_CHARS) this.partial = "";
    for (const line of lines) this.read(line);
  }

  /** The last line, unterminated, once output has ended. */
  end(): AgentSpend {
    this.read(this.partial + this.decoder.end());
    this.partial = "";
    return this.spend;
  }

  current(): AgentSpend {
    return this.spend;
  }

  private read(line: string): void {
    const reading = readSpendLine(line);
    if (!reading) return;
    this.spend = addReading(this.spend, reading);
    this.onSpend(this.spend);
  }
}
