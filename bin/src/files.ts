// Reading the user's files: bytes in chunks up to one cap, so a runaway input (/dev/zero, a file
// past what one JavaScript string can hold) stops at once with a way forward instead of a crash.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { CampaignInputs } from "../../www/pkg/kol_attribution.js";
import type { Engine } from "./engine.js";
import { UsageError, isEngineError, InputError } from "./errors.js";

/**
 * The most one file may hold. The engine keeps a whole file as one string, and V8's strings stop
 * at 2^29 − 24 characters (about 536.9 million); 512 MB stays under it in every encoding the
 * engine reads (a character is at least one byte).
 */
export const MAX_FILE_BYTES = 512_000_000;
const CHUNK = 16 * 1024 * 1024;

/** The campaign files as the command line names them, and the engine's name for each. */
export const CAMPAIGN_FILES = { kols: "creators", touchpoints: "touchpoints", orders: "orders" } as const;
export type CampaignFlag = keyof typeof CAMPAIGN_FILES;
/** The campaign's optional files: the notes creators published, and what ads and search cost. */
export const OPTIONAL_FILES = { notes: "notes", spend: "spend" } as const;
export type OptionalFlag = keyof typeof OPTIONAL_FILES;

const display = (path: string): string => (path === "-" ? "standard input" : path);

function tooLarge(flag: string, path: string): UsageError {
  return new UsageError(
    `--${flag} ${display(path)} is larger than ${MAX_FILE_BYTES / 1e6} MB, too large for one run. For more data, ` +
      "aggregate it where it lives: `kol-attribution sql` writes the query that turns the touches into paths " +
      "in your warehouse, and `kol-attribution compare --paths RESULT.csv` reads its result.",
  );
}

/** Standard input can be read once: two files given as "-" would each get part of it, or nothing. */
export function refuseStdinTwice(flags: Record<string, string | undefined>): void {
  const fromStdin = Object.entries(flags).filter(([, path]) => path === "-").map(([flag]) => `--${flag}`);
  if (fromStdin.length > 1) {
    const named = `${fromStdin.slice(0, -1).join(", ")} and ${fromStdin.at(-1)}`;
    throw new UsageError(`${named} ${fromStdin.length === 2 ? "both" : "all"} read standard input ("-"), which holds one file: give the others as files`);
  }
}

/** A file's bytes (standard input for "-"), refused past MAX_FILE_BYTES before it is all read. */
export function readBytes(flag: string, path: string): Buffer {
  let fd: number;
  try {
    fd = path === "-" ? 0 : openSync(path, "r");
  } catch (error) {
    throw new UsageError(`cannot read ${display(path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > MAX_FILE_BYTES) throw tooLarge(flag, path);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      let read: number;
      try {
        read = readSync(fd, chunk, 0, CHUNK, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Standard input left non-blocking by a terminal: wait for more instead of failing.
        if (code === "EAGAIN") {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if (code === "EOF") break;
        throw new UsageError(`cannot read ${display(path)}: ${code ?? String(error)}`);
      }
      if (read === 0) break;
      total += read;
      if (total > MAX_FILE_BYTES) throw tooLarge(flag, path);
      chunks.push(read === CHUNK ? chunk : chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (path !== "-") closeSync(fd);
  }
}

/** A file's text, decoded by the engine (UTF-8, UTF-16 with a BOM, GBK); problems name `label`. */
export function readText(engine: Engine, flag: string, path: string, label: string, files: Record<string, string>): string {
  const bytes = readBytes(flag, path);
  try {
    return engine.decodeFile(bytes, label).text;
  } catch (error) {
    if (isEngineError(error) && error.problems.length) throw new InputError(error.problems, files);
    throw error;
  }
}

/** The campaign files (three required, notes and spend optional), each read once, and the names
 * problems are listed under. */
export function readCampaignFiles(
  engine: Engine,
  paths: Record<CampaignFlag, string> & Partial<Record<OptionalFlag, string>>,
): { inputs: CampaignInputs; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const named = { ...CAMPAIGN_FILES, ...OPTIONAL_FILES } as Record<string, string>;
  for (const [flag, label] of Object.entries(named)) {
    const path = (paths as Record<string, string | undefined>)[flag];
    if (path !== undefined) files[label] = path === "-" ? "stdin" : path;
  }
  const read = (flag: CampaignFlag | OptionalFlag, path: string): string => readText(engine, flag, path, named[flag] as string, files);
  const inputs: CampaignInputs = { creators: read("kols", paths.kols), touchpoints: read("touchpoints", paths.touchpoints), orders: read("orders", paths.orders) };
  if (paths.notes !== undefined) inputs.notes = read("notes", paths.notes);
  if (paths.spend !== undefined) inputs.spend = read("spend", paths.spend);
  return { inputs, files };
}
