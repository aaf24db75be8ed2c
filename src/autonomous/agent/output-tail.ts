const TAIL_LINES = 50;
/** A GitHub comment holds 65,536 characters; the tail must leave room for the rest of it. */
const TAIL_MAX_CHARS = 12_000;

// CSI sequences (colours, cursor moves), OSC sequences (titles, links) and two-byte escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** The last lines of an agent's output, kept in memory for escalation comments. */
export class OutputTail {
  private text = "";

  push(text: string): void {
    this.text += text;
    // Trim in steps rather than on every chunk; twice the limit still holds 50 long lines.
    if (this.text.length > 4 * TAIL_MAX_CHARS) this.text = lastChars(this.text, 2 * TAIL_MAX_CHARS);
  }

  /** As a terminal would show it: escapes removed, a line redrawn with `\r` shown as its last state. */
  toString(): string {
    const lines = this.text
      .replace(ANSI_ESCAPE, "")
      .replace(/\r\n/g, "\n")
      .split("\n")
      .map(
        (line) =>
          line
            .split("\r")
            .filter((part) => part !== "")
            .at(-1) ?? "",
      );
    while (lines.length > 0 && lines.at(-1) === "") lines.pop();
    const tail = lines.slice(-TAIL_LINES).join("\n");
    return tail.length > TAIL_MAX_CHARS ? `…${lastChars(tail, TAIL_MAX_CHARS - 1)}` : tail;
  }
}

/** The last `count` UTF-16 units, never starting with half a surrogate pair. */
function lastChars(text: string, count: number): string {
  const cut = text.slice(-count);
  return /^[\uDC00-\uDFFF]/.test(cut) ? cut.slice(1) : cut;
}
