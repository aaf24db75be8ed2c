/**
 * Untrusted text (a title, a reason) as plain Markdown inline text, safe in a table cell: markup
 * characters escaped, so a title cannot make a link, an image, emphasis or HTML where GitHub
 * renders the summary, nor break out of its cell.
 */
export function markdownInline(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/[\\`*_[\]()!#~|]/g, (char) => `\\${char}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}
