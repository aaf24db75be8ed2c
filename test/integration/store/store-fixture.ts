import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type OpenStoreOptions } from "../../../src/store/open-store.js";
import type { SqliteStore } from "../../../src/store/sqlite-store.js";

/** A temporary directory holding a store file, a settable clock, and every store opened closed at the end. */
export interface StoreFixture {
  dir: string;
  path: string;
  clock: { now: () => Date; advance(ms: number): void; set(iso: string): void };
  /** Another connection to the same file (or to `options.path`). */
  open(options?: Partial<OpenStoreOptions>): SqliteStore;
  cleanup(): Promise<void>;
}

export const START = "2030-01-01T00:00:00.000Z";

export async function createStoreFixture(): Promise<StoreFixture> {
  const dir = await mkdtemp(join(tmpdir(), "mls-store-"));
  const path = join(dir, "state", "my-little-soda.db");
  let time = Date.parse(START);
  const clock = {
    now: () => new Date(time),
    advance(ms: number) {
      time += ms;
    },
    set(iso: string) {
      time = Date.parse(iso);
    },
  };
  const opened: SqliteStore[] = [];
  return {
    dir,
    path,
    clock,
    open(options = {}) {
      const store = openStore({ path, now: clock.now, isAlive: () => true, ...options });
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const RUN = { agentId: "agent001", host: "box", pid: 4242, repository: "acme/widgets" } as const;
