/**
 * A light reading of a GitHub Actions workflow, enough for `doctor` to say whether the one
 * `init --ci` writes can still run: no tabs in the indentation (YAML forbids them), top-level `on:`
 * and `jobs:`, `${{ … }}` expressions closed, and the jobs with the commands their steps run. It
 * is not a YAML parser: block scalars (`run: |`) and plain `key: value` lines are all it follows.
 */
export interface WorkflowJob {
  name: string;
  /** The text of each `run:` step, a block scalar's lines joined. */
  runs: string[];
}

export interface WorkflowShape {
  /** What makes the file unusable, with its line number. Empty when none was found. */
  problems: string[];
  jobs: WorkflowJob[];
}

interface Line {
  number: number;
  indent: number;
  text: string;
}

export function readWorkflowShape(source: string): WorkflowShape {
  const problems: string[] = [];
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const number = index + 1;
    const indentation = /^[ \t]*/.exec(raw)?.[0] ?? "";
    const text = raw.slice(indentation.length);
    if (text === "" || text.startsWith("#")) return;
    if (indentation.includes("\t")) problems.push(`line ${number}: a tab in the indentation (YAML allows spaces only)`);
    const opened = text.split("${{").length - 1;
    const closed = text.split("}}").length - 1;
    if (opened > closed) problems.push(`line ${number}: an expression \`\${{\` is not closed with \`}}\``);
    lines.push({ number, indent: indentation.replace(/\t/g, "  ").length, text });
  });
  const topLevel = lines.filter((line) => line.indent === 0).map((line) => keyOf(line.text));
  if (!topLevel.some((key) => key === "on" || key === "true")) problems.push("no top-level `on:` (when it runs)");
  const jobsAt = lines.findIndex((line) => line.indent === 0 && keyOf(line.text) === "jobs");
  if (jobsAt < 0) {
    problems.push("no top-level `jobs:`");
    return { problems, jobs: [] };
  }
  return { problems, jobs: readJobs(lines, jobsAt) };
}

function readJobs(lines: readonly Line[], jobsAt: number): WorkflowJob[] {
  const end = lines.findIndex((line, index) => index > jobsAt && line.indent === 0);
  const block = lines.slice(jobsAt + 1, end < 0 ? lines.length : end);
  const jobIndent = Math.min(...block.map((line) => line.indent));
  const jobs: WorkflowJob[] = [];
  for (let i = 0; i < block.length; i++) {
    const line = block[i];
    if (!line) continue;
    if (line.indent === jobIndent) {
      jobs.push({ name: keyOf(line.text) ?? line.text, runs: [] });
      continue;
    }
    const run = /^(?:-\s+)?run:\s*(.*)$/.exec(line.text);
    const job = jobs[jobs.length - 1];
    if (!run || !job) continue;
    const value = run[1] ?? "";
    if (!/^[|>][-+]?\s*$/.test(value)) {
      job.runs.push(unquote(value));
      continue;
    }
    // A block scalar: every following line indented deeper than the `run:` key belongs to it.
    const keyIndent = line.indent + (line.text.startsWith("-") ? 2 : 0);
    const body: string[] = [];
    while ((block[i + 1]?.indent ?? -1) > keyIndent) body.push(block[++i]?.text ?? "");
    job.runs.push(body.join("\n"));
  }
  return jobs;
}

function keyOf(text: string): string | undefined {
  const match = /^["']?([^"':]+)["']?\s*:(?:\s|$)/.exec(text);
  return match?.[1]?.trim();
}

function unquote(value: string): string {
  const trimmed = value.replace(/\s+#.*$/, "").trim();
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}
