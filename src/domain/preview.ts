/**
 * A short, Unicode-safe preview of an issue body: whole grapheme clusters only (never half an
 * emoji or a lone surrogate), hidden HTML comments and invisible characters removed.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function stripHiddenText(text: string): string {
  return (
    text
      .replace(/<!--[\s\S]*?(-->|$)/g, "")
      // Markdown's comment idiom, a link definition nothing links to: `[//]: # (hidden)`, `[x]: <> "hidden"`.
      .replace(/^ {0,3}\[[^\]\n]*\]:[ \t]*(?:#|<>)(?:[ \t][^\n]*)?$\n?/gm, "")
      // Zero-width joiners stay: emoji sequences need them. Tag characters (U+E0000–E007F) go:
      // they are invisible and are a known way to smuggle instructions to a model.
      .replace(
        /[\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]|[\u{E0000}-\u{E007F}]/gu,
        "",
      )
  );
}

export function previewOf(body: string, maxGraphemes = 160): string {
  const flat = stripHiddenText(body).replace(/\s+/g, " ").trim();
  const graphemes = Array.from(segmenter.segment(flat), (s) => s.segment);
  if (graphemes.length <= maxGraphemes) return flat;
  return `${graphemes
    .slice(0, maxGraphemes - 1)
    .join("")
    .trimEnd()}…`;
}
