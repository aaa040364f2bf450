#!/usr/bin/env node
// kol-attribution: the calculator's engine from the command line. Same wasm, same result object
// as the page. Exit codes: 0 success, 1 the input has problems, 2 bad arguments or unreadable file.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const ENGINE = new URL("../www/pkg/", import.meta.url);
const MODELS = ["first_touch", "last_touch", "linear"];

const HELP = {
  main: `kol-attribution: attribution for Xiaohongshu creator campaigns

Usage:
  kol-attribution compare --paths FILE [options]
  kol-attribution --version
  kol-attribution COMMAND --help

Commands:
  compare   credit per channel under each attribution model

Exit codes: 0 success, 1 the input has problems (listed on stderr), 2 bad arguments or unreadable file.`,
  compare: `kol-attribution compare: credit per channel under each attribution model

Usage:
  kol-attribution compare --paths FILE [--sep TEXT] [--models LIST] [--format json|csv]

Options:
  --paths FILE     aggregated paths (path,total_conversions,total_conversion_value,total_null);
                   "-" reads standard input
  --sep TEXT       text between channels in a path (default " > ")
  --models LIST    comma-separated, from: ${MODELS.join(", ")} (default: all)
  --format FORMAT  json (default: the same result object the page gets) or csv
  -h, --help       this help

Example:
  kol-attribution compare --paths paths.csv --models last_touch,linear --format csv`,
};

class UsageError extends Error {}

function fail(message, code) {
  process.stderr.write(`kol-attribution: ${message}\n`);
  process.exit(code);
}

function loadEngine() {
  let engine;
  try {
    engine = readFileSync(new URL("kol_attribution_bg.wasm", ENGINE));
  } catch {
    fail("the engine is not built; run `npm run build` first", 2);
  }
  return import(new URL("kol_attribution.js", ENGINE).href).then((wasm) => {
    wasm.initSync({ module: engine });
    return wasm;
  });
}

function readInput(path) {
  let bytes;
  try {
    bytes = path === "-" ? readFileSync(0) : readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path === "-" ? "standard input" : path}: ${error.code ?? error.message}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${path} is not UTF-8 text; save it as "CSV UTF-8" and try again`);
  }
}

function parse(argv, options) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true });
  } catch (error) {
    throw new UsageError(error.message);
  }
}

async function compare(argv) {
  const { values } = parse(argv, {
    paths: { type: "string" },
    sep: { type: "string" },
    models: { type: "string" },
    format: { type: "string", default: "json" },
  });
  if (values.help) return void console.log(HELP.compare);
  if (!values.paths) throw new UsageError("compare needs --paths FILE (see kol-attribution compare --help)");
  if (!["json", "csv"].includes(values.format)) throw new UsageError(`--format must be json or csv, not ${JSON.stringify(values.format)}`);
  const options = { paths: {} };
  if (values.sep !== undefined) options.paths.separator = values.sep;
  if (values.models !== undefined) {
    options.models = values.models.split(",").map((m) => m.trim()).filter(Boolean);
    const unknown = options.models.filter((m) => !MODELS.includes(m));
    if (unknown.length) throw new UsageError(`unknown model ${unknown.join(", ")}; choose from ${MODELS.join(", ")}`);
  }
  const text = readInput(values.paths);
  const wasm = await loadEngine();
  let result;
  try {
    result = wasm.comparePaths(text, options);
  } catch (error) {
    const problems = error.problems ?? [];
    const file = values.paths === "-" ? "stdin" : values.paths;
    if (problems.length === 0) fail(error.message, error.option ? 2 : 1);
    for (const p of problems) {
      const column = p.column === null ? "" : `, column ${p.column}${p.columnName ? ` (${p.columnName})` : ""}`;
      const value = p.value === null ? "" : `, value ${JSON.stringify(p.value)}`;
      process.stderr.write(`${file} line ${p.line}${column}${value}: ${p.message}\n`);
    }
    fail(`${problems.length} problem${problems.length === 1 ? "" : "s"} in ${file}; nothing was computed`, 1);
  }
  process.stdout.write(values.format === "csv" ? wasm.creditsCsv(result) : `${JSON.stringify(result, null, 2)}\n`);
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    return void console.log(HELP.main);
  }
  if (command === "--version" || command === "-V") {
    const wasm = await loadEngine();
    return void console.log(wasm.version());
  }
  if (command === "compare") return compare(rest);
  throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: compare (see --help)`);
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) fail(error.message, 2);
  fail(`internal error: ${error.stack ?? error}`, 3);
});
