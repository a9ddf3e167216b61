import { Command } from "commander";

const program = new Command("sweetie").description("Sweetie operations platform");
program.command("version").action(() => console.log("0.1.0"));
await program.parseAsync(process.argv);
