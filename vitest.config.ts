import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Three projects so a fast loop exists: `vitest run --project unit` needs no build and no server.
export default defineConfig({
  test: {
    restoreMocks: true,
    unstubEnvs: true,
    // An end-to-end test spends most of its time waiting on the CLI, git and the agent in child
    // processes, so files run two to a core (vitest's default is one fewer worker than cores: a
    // single worker on a 2-core CI runner). VITEST_MAX_WORKERS or --maxWorkers override it.
    maxWorkers: Math.max(2, availableParallelism() * 2),
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "integration", include: ["test/integration/**/*.test.ts"], testTimeout: 30_000 },
      },
      {
        extends: true,
        // The timeouts catch a hang. With files running side by side (and, on a shared machine, other
        // work), a test that takes 10 s alone can take four times as long.
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
