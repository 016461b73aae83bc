import {defineConfig} from "vitest/config";

// Unit tests: pure modules, loaders and tiny tfjs models on the CPU backend in Node.
// Browser tests live in tests/browser and run through tests/run.ts.
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks"
  }
});
