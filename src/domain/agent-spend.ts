/**
 * What an agent run has spent, as the agent itself reports it on stdout (design §5 "Spend
 * governor"). Three shapes are read, one line at a time:
 *
 * - Claude Code `--output-format json` / `stream-json`: the `{"type":"result", ...}` object, whose
 *   `total_cost_usd` and `usage` are the session's totals so far.
 * - Codex `exec --json`: `{"type":"turn.completed","usage":{input_tokens, cached_input_tokens,
 *   output_tokens}}`, one per turn, so they add up. Codex reports no cost.
 * - Any other agent: `MLS-SPEND cost_usd=0.12 input_tokens=100 output_tokens=50` (docs/agents.md),
 *   totals so far; every field optional.
 *
 * Anything else, malformed JSON included, is no reading: an agent's output is not ours to judge.
 */
export interface AgentSpend {
  /** US dollars; null while no reading has carried a cost (Codex never does). */
  costUsd: number | null;
  inputTokens: number;
  outputTokens: number;
}

/** A reading is either the run's totals so far (Claude, MLS-SPEND) or one more turn's (Codex). */
export interface SpendReading {
  kind: "total" | "increment";
  costUsd?: number;
  inputTokens?: number;
  outputTokens?: number;
}

export const NO_SPEND: AgentSpend = { costUsd: null, inputTokens: 0, outputTokens: 0 };

const GENERIC_PREFIX = "MLS-SPEND";

/** The reading on one line of output, if it carries one. */
export function readSpendLine(line: string): SpendReading | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith(GENERIC_PREFIX)) return readGeneric(trimmed.slice(GENERIC_PREFIX.length));
  // Cheap test first: most lines of an agent's output are not JSON objects.
  if (!trimmed.startsWith("{") || !trimmed.includes('"type"')) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isRecord(event)) return undefined;
  if (event.type === "result") return readClaudeResult(event);
  if (event.type === "turn.completed") return readCodexTurn(event);
  return undefined;
}

/** The spend after one more reading. */
export function addReading(spend: AgentSpend, reading: SpendReading): AgentSpend {
  if (reading.kind === "increment") {
    return {
      costUsd: reading.costUsd === undefined ? spend.costUsd : (spend.costUsd ?? 0) + reading.costUsd,
      inputTokens: spend.inputTokens + (reading.inputTokens ?? 0),
      outputTokens: spend.outputTokens + (reading.outputTokens ?? 0),
    };
  }
  // Totals only grow: a later, smaller total (a sub-agent's result line) must not hide spend.
  return {
    costUsd: reading.costUsd === undefined ? spend.costUsd : Math.max(spend.costUsd ?? 0, reading.costUsd),
    inputTokens: Math.max(spend.inputTokens, reading.inputTokens ?? 0),
    outputTokens: Math.max(spend.outputTokens, reading.outputTokens ?? 0),
  };
}

/** The spend of a whole text of output (a finished run's log). */
export function spendOfOutput(text: string, start: AgentSpend = NO_SPEND): AgentSpend {
  let spend = start;
  for (const line of text.split("\n")) {
    const reading = readSpendLine(line);
    if (reading) spend = addReading(spend, reading);
  }
  return spend;
}

/** Two spends together (attempts of one issue, issues of one run). */
export function sumSpend(a: AgentSpend, b: AgentSpend): AgentSpend {
  return {
    costUsd: a.costUsd === null && b.costUsd === null ? null : (a.costUsd ?? 0) + (b.costUsd ?? 0),
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
}

/** "$0.1234, 1,200 input and 300 output tokens", for comments, notes and `status`. */
export function describeSpend(spend: AgentSpend): string {
  const tokens = `${spend.inputTokens.toLocaleString("en-US")} input and ${spend.outputTokens.toLocaleString("en-US")} output tokens`;
  return spend.costUsd === null ? `cost not reported, ${tokens}` : `${formatUsd(spend.costUsd)}, ${tokens}`;
}

export function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount < 1 ? 4 : 2)}`;
}

function readClaudeResult(event: Record<string, unknown>): SpendReading | undefined {
  const usage = isRecord(event.usage) ? event.usage : {};
  // Cache reads and writes are input too; Claude reports them apart from input_tokens.
  const input = sumOf(usage.input_tokens, usage.cache_creation_input_tokens, usage.cache_read_input_tokens);
  return compact({
    kind: "total",
    costUsd: amountOf(event.total_cost_usd),
    inputTokens: input,
    outputTokens: amountOf(usage.output_tokens),
  });
}

function readCodexTurn(event: Record<string, unknown>): SpendReading | undefined {
  if (!isRecord(event.usage)) return undefined;
  // cached_input_tokens is a part of input_tokens in Codex's accounting, not in addition to it.
  return compact({
    kind: "increment",
    inputTokens: amountOf(event.usage.input_tokens),
    outputTokens: amountOf(event.usage.output_tokens),
  });
}

const GENERIC_FIELDS = { cost_usd: "costUsd", input_tokens: "inputTokens", output_tokens: "outputTokens" } as const;

function readGeneric(rest: string): SpendReading | undefined {
  // "MLS-SPENDING ..." is some other word, not our line.
  if (rest !== "" && !/^\s/.test(rest)) return undefined;
  const reading: SpendReading = { kind: "total" };
  for (const pair of rest.trim().split(/\s+/)) {
    const [key, value] = pair.split("=", 2);
    const field = GENERIC_FIELDS[key as keyof typeof GENERIC_FIELDS] as keyof SpendReading | undefined;
    const amount = amountOf(value === undefined || value === "" ? undefined : Number(value));
    if (field && field !== "kind" && amount !== undefined) reading[field] = amount;
  }
  return compact(reading);
}

/** No figures at all is no reading. */
function compact(reading: SpendReading): SpendReading | undefined {
  const figures = [reading.costUsd, reading.inputTokens, reading.outputTokens];
  if (figures.every((figure) => figure === undefined)) return undefined;
  const out: SpendReading = { kind: reading.kind };
  if (reading.costUsd !== undefined) out.costUsd = reading.costUsd;
  if (reading.inputTokens !== undefined) out.inputTokens = reading.inputTokens;
  if (reading.outputTokens !== undefined) out.outputTokens = reading.outputTokens;
  return out;
}

function sumOf(...values: unknown[]): number | undefined {
  const amounts = values.map(amountOf).filter((value): value is number => value !== undefined);
  return amounts.length === 0 ? undefined : amounts.reduce((a, b) => a + b, 0);
}

function amountOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
