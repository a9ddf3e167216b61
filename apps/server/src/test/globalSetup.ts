import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openStore } from "../db/database";
import { migrateToLatest } from "../db/migrator";
import { postgresAdminUrl, postgresUrlFor } from "./postgresUrls";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data directory, dumped once per run; each test file loads a copy. */
    pgliteDumpPath: string;
    /** A migrated PostgreSQL template database; each test file clones it. */
    postgresTemplate: string;
  }
}

// Migrate once per run, then let every test file start from a copy: creating and migrating a
// PGlite database costs seconds, loading a dump well under one.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const store = project.config.env?.SWEETIE_TEST_STORE ?? "pglite";
  const cleanups: (() => Promise<void>)[] = [];

  if (store === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "sweetie-pglite-"));
    const template = await openStore({ kind: "pglite", dataDir: undefined });
    await migrateToLatest(template.db);
    const dump = await template.pglite!.dumpDataDir("none");
    await template.close();
    const path = join(dir, "migrated.tar");
    await writeFile(path, Buffer.from(await dump.arrayBuffer()));
    project.provide("pgliteDumpPath", path);
    project.provide("postgresTemplate", "");
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
  } else {
    const name = `sweetie_tpl_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const template = await openStore({ kind: "postgres", url: postgresUrlFor(name) });
    await migrateToLatest(template.db);
    await template.close();
    project.provide("postgresTemplate", name);
    project.provide("pgliteDumpPath", "");
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
  }
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
