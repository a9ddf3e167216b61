import type { Command } from "commander";
import { roleSchema } from "@sweetie/core/api/foundationSchemas";
import { USERNAME_RULE, usernameSchema } from "@sweetie/core/api/username";
import { z } from "zod";
import { addCliUser } from "../commands/addCliUser";
import { callLocal, serverHoldingStore } from "./localClient";
import { readAllStdin } from "./stdin";
import { UsageError } from "./usageError";
import { openMigratedStore } from "./store";

interface Created {
  oneTimePassword: string | null;
}

export function registerUserAdd(program: Command): void {
  const user = program.command("user").description("Manage accounts");
  user
    .command("add <username>")
    .description(
      "Create an account. The password is read from stdin; when stdin is empty a one-time password is generated and printed once. With a server running on the embedded store, the account is created through that server.",
    )
    .requiredOption("--role <role>", "admin, supervisor, operator, analyst or legal")
    .option("--operation <id>", "operation to join with this role (required except for admin)")
    .option("--name <displayName>", "display name")
    .action(
      async (username: string, options: { role: string; operation?: string; name?: string }) => {
        const role = roleSchema.safeParse(options.role);
        if (!role.success) {
          throw new UsageError(
            `Unknown role "${options.role}". Use one of: ${roleSchema.options.join(", ")}.`,
          );
        }
        if (!usernameSchema.safeParse(username).success) {
          throw new UsageError(`"${username}" cannot be a username. ${USERNAME_RULE}`);
        }
        if (role.data !== "admin" && !options.operation) {
          throw new UsageError(
            `The ${role.data} role works inside an operation: add --operation <id>.`,
          );
        }
        if (options.operation && !z.uuid().safeParse(options.operation).success) {
          throw new UsageError(`"${options.operation}" is not an operation id.`);
        }
        const password = (await readAllStdin()).replace(/\r?\n$/, "");
        const input = {
          username,
          role: role.data,
          ...(options.operation ? { operationId: options.operation } : {}),
          ...(options.name ? { displayName: options.name } : {}),
          ...(password ? { password } : {}),
        };
        let result: Created;
        let where = "";
        const server = await serverHoldingStore();
        if (server) {
          // The embedded store is the running server's: the account is created by it, so it can
          // sign in at once and nothing is written behind the server's back.
          result = await callLocal<Created>(server, "POST", "/api/local/users", input);
          where = ` through the running server (process ${server.pid})`;
        } else {
          const store = await openMigratedStore(process.env, "user add");
          try {
            result = await store.db
              .transaction()
              .execute((trx) => addCliUser(trx, { ...input, via: "cli" }));
          } finally {
            await store.close();
          }
        }
        console.log(
          `Created user ${username}${options.operation ? ` (${role.data} in ${options.operation})` : ` (${role.data})`}${where}.`,
        );
        if (result.oneTimePassword) {
          console.log(
            `One-time password (shown once; must be changed at first sign-in): ${result.oneTimePassword}`,
          );
        }
      },
    );
}
