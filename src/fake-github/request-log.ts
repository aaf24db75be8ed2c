import { pathMatches } from "./faults.js";
import type { RequestFilter, RequestLogEntry } from "./types.js";

export class RequestLog {
  readonly requests: RequestLogEntry[] = [];
  readonly unexpected: RequestLogEntry[] = [];

  record(entry: RequestLogEntry, unexpected: boolean): void {
    this.requests.push(entry);
    if (unexpected) this.unexpected.push(entry);
  }

  clear(): void {
    this.requests.length = 0;
  }

  clearUnexpected(): void {
    this.unexpected.length = 0;
  }

  count(filter: RequestFilter = {}): number {
    return this.requests.filter((entry) => {
      if (filter.method !== undefined && filter.method.toUpperCase() !== entry.method) return false;
      if (filter.status !== undefined && filter.status !== entry.status) return false;
      return pathMatches(filter.path, entry.path);
    }).length;
  }

  /** Lists every offender so a failing test shows which endpoint the fake does not model. */
  assertNoUnexpected(): void {
    if (this.unexpected.length === 0) return;
    const lines = this.unexpected.map((e) => {
      const query = new URLSearchParams(e.query).toString();
      return `  ${e.method} ${e.path}${query ? `?${query}` : ""} -> ${e.status}`;
    });
    throw new Error(`fake GitHub received ${this.unexpected.length} request(s) no route models:\n${lines.join("\n")}`);
  }
}
