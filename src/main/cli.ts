// Entry point of the `corridor` command: builds the command tree and runs it.
// Each command group registers itself from its own module; exit codes follow PRODUCT.md.
import { Command, CommanderError } from "commander";
import { exitUsage } from "../interfaces/index.js";

function buildProgram(): Command {
  const program = new Command("corridor")
    .description("Corridor: an open interbank financial messaging network (MT and ISO 20022)")
    .showHelpAfterError()
    .exitOverride();
  return program;
}

async function run(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : exitUsage;
      return;
    }
    throw error;
  }
}

await run(process.argv);
