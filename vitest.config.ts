import { defineConfig } from "vitest/config";

// Three projects so a fast loop exists: `vitest run --project unit` needs no build and no server.
export default defineConfig({
  test: {
    restoreMocks: true,
    unstubEnvs: true,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "integration", include: ["test/integration/**/*.test.ts"], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
