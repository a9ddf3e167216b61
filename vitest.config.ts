import { defineConfig } from "vitest/config";

// One project per layer; store-backed tests (*.db.test.ts) run once per store so every service
// and route is proven on the embedded default and on real PostgreSQL.
const storeTests = ["apps/server/src/**/*.db.test.ts"];

export default defineConfig({
  test: {
    reporters: process.env.CI ? ["dot"] : ["default"],
    projects: [
      {
        test: {
          name: "core",
          include: ["packages/core/src/**/*.test.ts"],
          environment: "node",
          // Property tests run hundreds of cases; on a loaded 2-core machine 5 s is not enough.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "server",
          include: ["apps/server/src/**/*.test.ts"],
          exclude: storeTests,
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "server-pglite",
          include: storeTests,
          env: { SWEETIE_TEST_STORE: "pglite" },
          globalSetup: ["apps/server/src/test/globalSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "server-postgres",
          include: storeTests,
          env: { SWEETIE_TEST_STORE: "postgres" },
          globalSetup: ["apps/server/src/test/globalSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "web",
          include: ["apps/web/src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.ts"],
          globalSetup: ["apps/server/src/test/globalSetup.ts"],
          env: { SWEETIE_TEST_STORE: "pglite" },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
