import { serverRoleName } from "../db/serverRole";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../db/database";
import { migrateToLatest } from "../db/migrator";
import { buildOperationWithTeam } from "../test/accounts";
import { postgresAdminUrl, postgresUrlFor } from "../test/postgresUrls";

const bin = fileURLToPath(new URL("../../../../bin/sweetie.js", import.meta.url));

/** Runs the real `sweetie` command against a throw-away PostgreSQL database. */
function sweetie(args: string[], env: Record<string, string>, stdin = "") {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      "node",
      [bin, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
    child.stdin?.end(stdin);
  });
}

describe("sweetie user add", () => {
  const name = `sweetie_cli_${randomBytes(4).toString("hex")}`;
  const env = { DATABASE_URL: postgresUrlFor(name) };
  let store: Store;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create database ${name}`);
    store = await openStore({ kind: "postgres", url: env.DATABASE_URL });
    await migrateToLatest(store.db);
  });
  afterAll(async () => {
    await store.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    // The CLI, connected as a role that may create roles, created the server's role.
    await admin.query(`drop role if exists "${serverRoleName(name, {})}"`);
    await admin.end();
  });

  it("creates an administrator with the password given on stdin", async () => {
    const result = await sweetie(
      ["user", "add", "alice", "--role", "admin"],
      env,
      "a long enough password\n",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created user alice");
    expect(result.stdout).not.toContain("One-time password");
    const user = await store.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", "alice")
      .executeTakeFirstOrThrow();
    expect(user.is_admin).toBe(true);
    expect(user.must_change_password).toBe(false);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("generates and prints a one-time password when stdin is empty, and joins the operation", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const result = await sweetie(
      ["user", "add", "bob", "--role", "operator", "--operation", operation.id],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /One-time password .*: [a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/,
    );
    const membership = await store.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["memberships.role", "users.must_change_password"])
      .where("users.username", "=", "bob")
      .executeTakeFirstOrThrow();
    expect(membership).toEqual({ role: "operator", must_change_password: true });
  });

  it("explains mistakes and exits 2", async () => {
    const role = await sweetie(["user", "add", "carol", "--role", "wizard"], env);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("Unknown role");
    const noOperation = await sweetie(["user", "add", "carol", "--role", "analyst"], env);
    expect(noOperation.code).toBe(2);
    expect(noOperation.stderr).toContain("--operation");
    const weak = await sweetie(["user", "add", "carol", "--role", "admin"], env, "short\n");
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain("at least 12 characters");
  });
});
