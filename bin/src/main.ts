// kol-attribution: the calculator's engine from the command line. Same wasm, same result objects
// as the page; every option, bound and default from the engine's catalogue.
import { parse } from "./args.js";
import { catalogue } from "./catalogue.js";
import type { Command } from "./command.js";
import { budget } from "./commands/budget.js";
import { check } from "./commands/check.js";
import { compare } from "./commands/compare.js";
import { lag } from "./commands/lag.js";
import { paths, markov } from "./commands/export.js";
import { commission, roi } from "./commands/money.js";
import { sample, sql } from "./commands/tools.js";
import { engine } from "./engine.js";
import { EXIT, InputError, UsageError, fail, printProblems } from "./errors.js";
import { MAX_FILE_BYTES } from "./files.js";
import { commandHelp } from "./help.js";

const COMMANDS: readonly Command[] = [compare, check, lag, commission, roi, budget, paths, markov, sql, sample];

/** How each command is called, in the overview. */
const SYNOPSIS: Record<string, string> = {
  compare: "(--kols FILE --touchpoints FILE --orders FILE | --paths FILE) [options]",
  markov: "(--kols FILE --touchpoints FILE --orders FILE | --paths FILE) [options]",
};

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    "kol-attribution: attribution for Xiaohongshu creator campaigns",
    "",
    "Usage:",
    ...COMMANDS.map((c) => `  kol-attribution ${c.name} ${SYNOPSIS[c.name] ?? c.usage[0]}`),
    "  kol-attribution --version",
    "  kol-attribution COMMAND --help",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    'Files may be UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030; "-" reads stdin (for one file).',
    `A file may hold up to ${MAX_FILE_BYTES / 1e6} MB; for more, \`kol-attribution sql\` aggregates in your warehouse.`,
    "Exit codes: 0 success, 1 the input has problems (listed on stderr), 2 bad arguments or unreadable",
    "file, 3 internal error.",
    "",
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") return void process.stdout.write(mainHelp());
  if (name === "--version" || name === "-V") return void process.stdout.write(`${(await engine()).version()}\n`);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}; commands: ${COMMANDS.map((c) => c.name).join(", ")} (see --help)`);
  const wasm = await engine();
  const known = catalogue(wasm);
  const options = rest.slice(0, rest.includes("--") ? rest.indexOf("--") : rest.length);
  if (options.includes("--help") || options.includes("-h")) return void process.stdout.write(commandHelp(command, known));
  await command.run(parse(command, rest, known), wasm);
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT.ok);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) fail(error.message, EXIT.usage);
  if (error instanceof InputError) {
    printProblems(error.problems, error.files);
    const errors = error.problems.filter((p) => p.severity !== "warning").length;
    if (!errors) fail(error.message, EXIT.input);
    fail(`${errors} problem${errors === 1 ? "" : "s"} in the input; nothing was computed`, EXIT.input);
  }
  fail(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, EXIT.internal);
});
