/** Text from GitHub (titles, reasons) made safe for one cell of a Markdown table. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
