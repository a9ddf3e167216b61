import { Command } from "commander";
import { AppError } from "../errors";
import { registerAssess } from "./assess";
import { registerDetect } from "./detect";
import { registerLedger } from "./ledger";
import { registerMigrate } from "./migrate";
import { registerServe } from "./serve";
import { registerUserAdd, UsageError } from "./userAdd";

const program = new Command("sweetie")
  .description(
    "Sweetie: operations platform for authorized undercover child-protection investigations",
  )
  .showHelpAfterError();

// Verbs: one register function per file in cli/.
registerServe(program);
registerMigrate(program);
registerUserAdd(program);
registerLedger(program);
registerDetect(program);
registerAssess(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof UsageError || error instanceof AppError) {
    console.error(`sweetie: ${error.message}`);
    process.exit(2);
  }
  console.error("sweetie: the command failed:", error);
  process.exit(1);
}
