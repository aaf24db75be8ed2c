import { LABEL } from "./labels.js";

/** 5 = unblocker, 4 = very high … 1 = low, 0 = none (design §2). */
export type Priority = 0 | 1 | 2 | 3 | 4 | 5;

export const PRIORITY_NAMES: Record<Priority, string> = {
  5: "unblocker",
  4: "very-high",
  3: "high",
  2: "medium",
  1: "low",
  0: "none",
};

/** The label that puts an issue at each level, highest first; level 0 has none. */
export const PRIORITY_LEVELS: ReadonlyArray<{ priority: Priority; label: string }> = [
  { priority: 5, label: LABEL.unblocker },
  { priority: 4, label: LABEL.priorityVeryHigh },
  { priority: 3, label: LABEL.priorityHigh },
  { priority: 2, label: LABEL.priorityMedium },
  { priority: 1, label: LABEL.priorityLow },
];

/** The highest level any of the labels grants. */
export function priorityOf(labels: readonly string[]): Priority {
  for (const level of PRIORITY_LEVELS) {
    if (labels.includes(level.label)) return level.priority;
  }
  return 0;
}
