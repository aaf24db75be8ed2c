import { escapeHtml } from "./html-text.js";

/**
 * The report page's charts as inline SVG: plain rectangles and text, no script, no font or image
 * to fetch, no namespace URL (inline SVG in HTML needs none). Every label is escaped. A chart
 * with nothing to show still renders, with a note, so the page always has its three charts.
 */

export interface Series {
  key: string;
  label: string;
  colour: string;
}

export interface ChartFrame {
  id: string;
  title: string;
  width: number;
  height: number;
}

const PAD = { top: 16, right: 16, bottom: 44, left: 40 };
const FONT = `font-family="system-ui, sans-serif" font-size="11" fill="#57606a"`;

/** Bars per category, stacked (issues over time) or side by side (the cycle-time distribution). */
export function barChart(
  frame: ChartFrame,
  categories: ReadonlyArray<{ label: string; values: Record<string, number> }>,
  series: readonly Series[],
  layout: "stacked" | "grouped",
): string {
  const plotWidth = frame.width - PAD.left - PAD.right;
  const plotHeight = frame.height - PAD.top - PAD.bottom;
  const totals = categories.map((category) =>
    layout === "stacked"
      ? series.reduce((sum, entry) => sum + (category.values[entry.key] ?? 0), 0)
      : Math.max(0, ...series.map((entry) => category.values[entry.key] ?? 0)),
  );
  const max = niceMax(Math.max(0, ...totals));
  const slot = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  const parts: string[] = [axes(frame, plotWidth, plotHeight, max)];
  // Label every nth category so labels never overlap (about 60 px each).
  const every = Math.max(1, Math.ceil(categories.length / Math.max(1, Math.floor(plotWidth / 60))));
  categories.forEach((category, index) => {
    const x0 = PAD.left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    series.forEach((entry, seriesIndex) => {
      const value = category.values[entry.key] ?? 0;
      if (value <= 0) return;
      const width = layout === "stacked" ? barWidth : barWidth / series.length;
      const x = layout === "stacked" ? x0 : x0 + seriesIndex * width;
      const top = y(base + value);
      const bottom = y(base);
      parts.push(
        `<rect x="${fixed(x)}" y="${fixed(top)}" width="${fixed(width)}" height="${fixed(bottom - top)}" fill="${entry.colour}" shape-rendering="crispEdges"><title>${escapeHtml(`${category.label}: ${value} ${entry.label}`)}</title></rect>`,
      );
      if (layout === "stacked") base += value;
    });
    if (index % every === 0)
      parts.push(
        `<text x="${fixed(PAD.left + index * slot + slot / 2)}" y="${frame.height - PAD.bottom + 14}" text-anchor="middle" ${FONT}>${escapeHtml(category.label)}</text>`,
      );
  });
  if (totals.every((total) => total === 0)) parts.push(emptyNote(frame));
  parts.push(legend(frame, series));
  return svg(frame, parts);
}

/** One horizontal bar per entry, its count at the end (the outcomes). */
export function horizontalBars(
  frame: ChartFrame,
  entries: ReadonlyArray<{ label: string; value: number; colour: string }>,
): string {
  const labelWidth = 110;
  const rowHeight = Math.min(28, (frame.height - 16) / Math.max(1, entries.length));
  const plotWidth = frame.width - labelWidth - 56;
  const max = Math.max(1, ...entries.map((entry) => entry.value));
  const parts = entries.map((entry, index) => {
    const top = 8 + index * rowHeight;
    const width = (entry.value / max) * plotWidth;
    const bar =
      entry.value > 0
        ? `<rect x="${labelWidth}" y="${fixed(top + 4)}" width="${fixed(width)}" height="${fixed(rowHeight - 8)}" fill="${entry.colour}" shape-rendering="crispEdges"><title>${escapeHtml(`${entry.label}: ${entry.value}`)}</title></rect>`
        : "";
    return (
      `<text x="${labelWidth - 8}" y="${fixed(top + rowHeight / 2 + 4)}" text-anchor="end" ${FONT}>${escapeHtml(entry.label)}</text>` +
      bar +
      `<text x="${fixed(labelWidth + width + 6)}" y="${fixed(top + rowHeight / 2 + 4)}" ${FONT}>${entry.value}</text>`
    );
  });
  if (entries.every((entry) => entry.value === 0)) parts.push(emptyNote(frame));
  return svg(frame, parts);
}

function svg(frame: ChartFrame, parts: readonly string[]): string {
  const titleId = `${frame.id}-title`;
  return (
    `<svg id="${frame.id}" class="chart" role="img" aria-labelledby="${titleId}" width="${frame.width}" height="${frame.height}" viewBox="0 0 ${frame.width} ${frame.height}">` +
    `<title id="${titleId}">${escapeHtml(frame.title)}</title>${parts.join("")}</svg>`
  );
}

function axes(frame: ChartFrame, plotWidth: number, plotHeight: number, max: number): string {
  const lines: string[] = [];
  for (const fraction of [0, 0.5, 1]) {
    const y = PAD.top + plotHeight - fraction * plotHeight;
    lines.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotWidth}" y1="${fixed(y)}" y2="${fixed(y)}" stroke="#d0d7de" stroke-width="1"/>`,
      `<text x="${PAD.left - 6}" y="${fixed(y + 4)}" text-anchor="end" ${FONT}>${formatTick(max * fraction)}</text>`,
    );
  }
  return lines.join("");
}

function legend(frame: ChartFrame, series: readonly Series[]): string {
  let x = PAD.left;
  const y = frame.height - 10;
  return series
    .map((entry) => {
      const item = `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${entry.colour}"/><text x="${x + 14}" y="${y}" ${FONT}>${escapeHtml(entry.label)}</text>`;
      x += 24 + entry.label.length * 6.5;
      return item;
    })
    .join("");
}

function emptyNote(frame: ChartFrame): string {
  return `<text x="${frame.width / 2}" y="${frame.height / 2}" text-anchor="middle" ${FONT}>nothing in this window</text>`;
}

/** The axis' top: 1, 2, 5, 10, 20, 50… at or above the largest value (at least 1). */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function fixed(value: number): string {
  return String(Math.round(value * 10) / 10);
}
