import { describe, expect, it } from "vitest";
import {
  addReading,
  describeSpend,
  NO_SPEND,
  readSpendLine,
  spendOfOutput,
  sumSpend,
} from "../../../src/domain/agent-spend.js";

const claudeResult = JSON.stringify({
  type: "result",
  subtype: "success",
  is_error: false,
  total_cost_usd: 0.1234,
  usage: { input_tokens: 100, cache_creation_input_tokens: 20, cache_read_input_tokens: 30, output_tokens: 50 },
});

describe("readSpendLine", () => {
  it("reads Claude Code's result object: cost and usage as totals, cache tokens counted as input", () => {
    expect(readSpendLine(claudeResult)).toEqual({ kind: "total", costUsd: 0.1234, inputTokens: 150, outputTokens: 50 });
  });

  it("reads Codex's turn.completed usage as one turn's increment, cached tokens not counted twice", () => {
    const line = JSON.stringify({
      type: "turn.completed",
      usage: { input_tokens: 26549, cached_input_tokens: 22272, output_tokens: 1590 },
    });
    expect(readSpendLine(line)).toEqual({ kind: "increment", inputTokens: 26549, outputTokens: 1590 });
  });

  it("reads the generic MLS-SPEND line, any field optional", () => {
    expect(readSpendLine("MLS-SPEND cost_usd=0.12 input_tokens=100 output_tokens=50")).toEqual({
      kind: "total",
      costUsd: 0.12,
      inputTokens: 100,
      outputTokens: 50,
    });
    expect(readSpendLine("  MLS-SPEND cost_usd=2.5")).toEqual({ kind: "total", costUsd: 2.5 });
  });

  it("is no reading for other output, malformed JSON, negative or non-numeric figures", () => {
    for (const line of [
      "",
      "working on it…",
      '{"type":"assistant","message":{}}',
      '{"type":"result", "total_cost_usd": ',
      '{"type":"result","total_cost_usd":-1}',
      '{"type":"turn.completed"}',
      "MLS-SPEND",
      "MLS-SPEND cost_usd=lots",
      "MLS-SPENDING cost_usd=1",
      "[1, 2]",
    ]) {
      expect(readSpendLine(line), line).toBeUndefined();
    }
  });
});

describe("adding readings", () => {
  it("keeps the largest total: a later, smaller total does not hide spend", () => {
    let spend = addReading(NO_SPEND, { kind: "total", costUsd: 0.3, inputTokens: 10 });
    spend = addReading(spend, { kind: "total", costUsd: 0.1, outputTokens: 5 });
    expect(spend).toEqual({ costUsd: 0.3, inputTokens: 10, outputTokens: 5 });
  });

  it("adds increments, and leaves the cost unknown when no reading had one", () => {
    const turns = [
      JSON.stringify({ type: "turn.completed", usage: { input_tokens: 100, output_tokens: 10 } }),
      "some text in between",
      JSON.stringify({ type: "turn.completed", usage: { input_tokens: 200, output_tokens: 20 } }),
    ].join("\n");
    expect(spendOfOutput(turns)).toEqual({ costUsd: null, inputTokens: 300, outputTokens: 30 });
  });

  it("reads a whole stream-json log", () => {
    const log = [
      '{"type":"system","subtype":"init"}',
      '{"type":"assistant","message":{"content":[]}}',
      claudeResult,
    ].join("\n");
    expect(spendOfOutput(log)).toEqual({ costUsd: 0.1234, inputTokens: 150, outputTokens: 50 });
  });

  it("sums attempts, a cost only when one of them reported it", () => {
    expect(sumSpend(NO_SPEND, NO_SPEND)).toEqual(NO_SPEND);
    expect(
      sumSpend({ costUsd: 0.5, inputTokens: 1, outputTokens: 2 }, { costUsd: null, inputTokens: 3, outputTokens: 4 }),
    ).toEqual({ costUsd: 0.5, inputTokens: 4, outputTokens: 6 });
  });

  it("describes the figures for people", () => {
    expect(describeSpend({ costUsd: 0.1234, inputTokens: 1200, outputTokens: 300 })).toBe(
      "$0.1234, 1,200 input and 300 output tokens",
    );
    expect(describeSpend({ costUsd: null, inputTokens: 5, outputTokens: 0 })).toBe(
      "cost not reported, 5 input and 0 output tokens",
    );
  });
});
