import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The default reporter for humans, plus a closing "N passed, N failed" line that CI reads.
    reporters: ["default", "./test/summary-reporter.ts"],
    pool: "forks",
  },
});
