/**
 * Text into HTML, for the report's page: everything from GitHub or an agent (titles, reasons,
 * check names) is untrusted, so every character with a meaning in markup is escaped, in text and
 * in attribute values alike.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
