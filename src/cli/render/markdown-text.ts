/** Text from GitHub (titles, reasons) made safe for one cell of a Markdown table. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/**
 * Untrusted text (a title, a reason) as plain Markdown inline text: markup characters escaped, so
 * a title cannot make a link, an image, emphasis or HTML where GitHub renders the summary.
 */
export function markdownInline(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/[\\`*_[\]()!#~|]/g, (char) => `\\${char}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}
