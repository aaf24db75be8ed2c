import type { DiffSide } from "./types-reviews.js";

// Reading `git diff` output the way GitHub places review comments: a comment sits on a line of
// a hunk (added, removed or context), `position` counts lines from the file's first hunk
// header, and `diff_hunk` is the hunk up to and including the commented line.

export interface DiffLine {
  kind: " " | "+" | "-";
  oldLine: number | null;
  newLine: number | null;
  text: string;
  /** Lines below the file's first "@@" header, later headers included. */
  position: number;
}

export interface DiffHunk {
  header: string;
  lines: DiffLine[];
}

export interface FileDiff {
  path: string;
  hunks: DiffHunk[];
}

export interface LineAnchor {
  position: number;
  diffHunk: string;
  text: string;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

function pathFrom(line: string, prefix: string): string | null {
  if (!line.startsWith(prefix)) return null;
  const rest = line.slice(prefix.length).replace(/\t$/, "");
  if (rest === "/dev/null") return null;
  return rest.replace(/^[ab]\//, "");
}

export function parseUnifiedDiff(text: string): Map<string, FileDiff> {
  const files = new Map<string, FileDiff>();
  let file: FileDiff | null = null;
  let hunk: DiffHunk | null = null;
  let oldPath: string | null = null;
  let oldLine = 0;
  let newLine = 0;
  let position = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("diff --git ")) {
      file = null;
      hunk = null;
      oldPath = null;
      continue;
    }
    if (!hunk && line.startsWith("--- ")) {
      oldPath = pathFrom(line, "--- ");
      continue;
    }
    if (!hunk && line.startsWith("+++ ")) {
      const path = pathFrom(line, "+++ ") ?? oldPath;
      if (path === null) continue;
      file = { path, hunks: [] };
      files.set(path, file);
      position = 0;
      continue;
    }
    const header = HUNK_HEADER.exec(line);
    if (header && file) {
      if (file.hunks.length > 0) position += 1;
      hunk = { header: line, lines: [] };
      file.hunks.push(hunk);
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      continue;
    }
    if (!hunk) continue;
    const kind = line[0];
    if (kind !== " " && kind !== "+" && kind !== "-") continue;
    position += 1;
    hunk.lines.push({
      kind,
      oldLine: kind === "+" ? null : oldLine,
      newLine: kind === "-" ? null : newLine,
      text: line.slice(1),
      position,
    });
    if (kind !== "+") oldLine += 1;
    if (kind !== "-") newLine += 1;
  }
  return files;
}

/** Where a comment on `line` of `side` lands in the diff, or null when that line is not in it. */
export function anchorLine(file: FileDiff | undefined, line: number, side: DiffSide): LineAnchor | null {
  for (const hunk of file?.hunks ?? []) {
    const index = hunk.lines.findIndex((l) =>
      side === "RIGHT" ? l.newLine === line : l.oldLine === line && l.kind !== " ",
    );
    const found = hunk.lines[index];
    if (!found) continue;
    const upTo = hunk.lines.slice(0, index + 1).map((l) => `${l.kind}${l.text}`);
    return { position: found.position, diffHunk: [hunk.header, ...upTo].join("\n"), text: found.text };
  }
  return null;
}
