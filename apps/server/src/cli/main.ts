import { Command, CommanderError } from "commander";

/**
 * The `sweetie` command. Each verb lives in its own file with a register function; only the verb
 * being run is loaded (the server stack is heavy and `detect` or `user add` should start fast).
 * Add a verb: one line here.
 */
const verbs: Record<string, () => Promise<(program: Command) => void>> = {
  serve: async () => (await import("./serve")).registerServe,
  migrate: async () => (await import("./migrate")).registerMigrate,
  user: async () => (await import("./userAdd")).registerUserAdd,
  ledger: async () => (await import("./ledger")).registerLedger,
  detect: async () => (await import("./detect")).registerDetect,
  assess: async () => (await import("./assess")).registerAssess,
  simulate: async () => (await import("./simulate")).registerSimulate,
  verify: async () => (await import("./verify")).registerVerify,
};

const program = new Command("sweetie")
  .description(
    "Sweetie: operations platform for authorized undercover child-protection investigations",
  )
  .showHelpAfterError()
  // Usage mistakes (unknown option, bad option value) exit 2 like UsageError, after commander's
  // own sentence; help and version exit 0.
  .exitOverride();

// A reader that closes the pipe early (`sweetie detect | head`) is not an error: stop quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const requested = process.argv[2];
const chosen = requested && verbs[requested] ? [verbs[requested]] : Object.values(verbs);
for (const load of chosen) (await load())(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const done = ["commander.helpDisplayed", "commander.help", "commander.version"];
    process.exit(done.includes(error.code) ? 0 : 2);
  }
  const { AppError } = await import("../errors");
  const { UsageError } = await import("./usageError");
  if (error instanceof UsageError || error instanceof AppError) {
    console.error(`sweetie: ${error.message}`);
    process.exit(2);
  }
  console.error("sweetie: the command failed:", error);
  process.exit(1);
}
