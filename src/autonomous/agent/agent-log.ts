import type { FileHandle } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { OutputTail } from "./output-tail.js";

export type OutputStream = "stdout" | "stderr";

/**
 * An agent run's log file: stdout and stderr interleaved as they arrive (bytes as written), with
 * the runner's own notes as lines of their own. The same text is kept as an in-memory tail.
 */
export class AgentLog {
  private readonly stream: NodeJS.WritableStream;
  private readonly finished: Promise<void>;
  private readonly tail = new OutputTail();
  private readonly decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  private atLineStart = true;
  private writeError: Error | undefined;

  constructor(
    handle: FileHandle,
    private readonly now: () => Date,
  ) {
    const stream = handle.createWriteStream({ encoding: "utf8" });
    this.stream = stream;
    this.finished = new Promise((resolve) => {
      stream.once("close", resolve);
      // A full disk must not crash the loop; the run goes on and the tail says the log is short.
      stream.on("error", (error) => {
        this.writeError ??= error;
        resolve();
      });
    });
  }

  output(source: OutputStream, chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.write(chunk);
    this.tail.push(this.decoders[source].write(chunk));
    this.atLineStart = chunk[chunk.length - 1] === 0x0a;
  }

  /**
   * A line from my-little-soda itself, stamped with the time. `tail: false` keeps it out of the
   * tail: a heartbeat failing every few seconds must not push the agent's own output out of it.
   */
  note(message: string, options: { tail?: boolean } = {}): void {
    const line = `${this.atLineStart ? "" : "\n"}[${this.now().toISOString()}] my-little-soda: ${message}\n`;
    this.write(line);
    if (options.tail !== false) this.tail.push(line);
    this.atLineStart = true;
  }

  /** The first line: time, argv and working directory. Not part of the tail. */
  header(argv: readonly string[], cwd: string): void {
    this.write(
      `[${this.now().toISOString()}] my-little-soda: running ${JSON.stringify(argv)} in ${JSON.stringify(cwd)}\n`,
    );
  }

  /** The tail as it stands; complete once `close` has resolved. */
  tailText(): string {
    const text = this.tail.toString();
    return this.writeError
      ? `${text}\n[my-little-soda: writing the log file failed: ${this.writeError.message}]`
      : text;
  }

  async close(): Promise<void> {
    for (const decoder of Object.values(this.decoders)) this.tail.push(decoder.end());
    if (!this.writeError) this.stream.end();
    await this.finished;
  }

  private write(data: string | Buffer): void {
    if (!this.writeError) this.stream.write(data);
  }
}
