import type { Command } from "commander";
import { z } from "zod";
import { createUser } from "../commands/createUser";
import { findOperation, upsertMembership } from "../db/repositories/operationsRepository";
import { recordAudit } from "../audit/recordAudit";
import { readAllStdin } from "./stdin";
import { UsageError } from "./usageError";
import { openMigratedStore } from "./store";

const roleSchema = z.enum(["admin", "supervisor", "operator", "analyst", "legal"]);

export function registerUserAdd(program: Command): void {
  const user = program.command("user").description("Manage accounts");
  user
    .command("add <username>")
    .description(
      "Create an account. The password is read from stdin; when stdin is empty a one-time password is generated and printed once.",
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
        if (role.data !== "admin" && !options.operation) {
          throw new UsageError(
            `The ${role.data} role works inside an operation: add --operation <id>.`,
          );
        }
        const password = (await readAllStdin()).replace(/\r?\n$/, "");
        const store = await openMigratedStore();
        try {
          const result = await store.db.transaction().execute(async (trx) => {
            if (options.operation && !z.uuid().safeParse(options.operation).success) {
              throw new UsageError(`"${options.operation}" is not an operation id.`);
            }
            const operation = options.operation
              ? await findOperation(trx, options.operation)
              : undefined;
            if (options.operation && !operation) {
              throw new UsageError(`No operation has the id ${options.operation}.`);
            }
            const created = await createUser(trx, null, {
              username,
              displayName: options.name ?? username,
              isAdmin: role.data === "admin" && !operation,
              ...(password ? { password } : {}),
            });
            if (operation) {
              await upsertMembership(trx, operation.id, created.user.id, role.data);
              await recordAudit(trx, null, {
                action: "operation.member.add",
                operationId: operation.id,
                targetType: "user",
                targetId: created.user.id,
                details: { username, role: role.data, via: "cli" },
              });
            }
            return created;
          });
          console.log(
            `Created user ${username}${options.operation ? ` (${role.data} in ${options.operation})` : ` (${role.data})`}.`,
          );
          if (result.oneTimePassword) {
            console.log(
              `One-time password (shown once; must be changed at first sign-in): ${result.oneTimePassword}`,
            );
          }
        } finally {
          await store.close();
        }
      },
    );
}
