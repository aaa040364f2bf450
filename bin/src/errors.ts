// What goes wrong, and how it reaches the user: exit codes, input problems, refused options.
import type { Problem } from "../../www/pkg/kol_attribution.js";

/** Exit codes: a public interface. */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

/** Bad arguments or an unreadable file: printed as is, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The input has problems: each is listed, then exit 1. */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    readonly problems: Problem[],
    readonly files: Record<string, string>,
    message = "the input has problems",
  ) {
    super(message);
  }
}

/** What the engine throws: `problems` for the input, `option` (a setting's path) for a refused option. */
export interface EngineError extends Error {
  problems: Problem[];
  option?: string;
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof Error && error.name === "KolAttributionError" && Array.isArray((error as Partial<EngineError>).problems);
}

export function fail(message: string, code: number): never {
  process.stderr.write(`kol-attribution: ${message}\n`);
  process.exit(code);
}

/** Each problem on its own line, under the file name the user gave (`files` maps the engine's names). */
export function printProblems(problems: readonly Problem[], files: Record<string, string>): void {
  for (const p of problems) {
    const file = files[p.file] ?? p.file;
    const column = p.column === null ? "" : `, column ${p.column}${p.columnName ? ` (${p.columnName})` : ""}`;
    const value = p.value === null ? "" : `, value ${JSON.stringify(p.value)}`;
    const prefix = p.severity === "warning" ? "warning: " : "";
    process.stderr.write(`${prefix}${file} line ${p.line}${column}${value}: ${p.message}\n`);
  }
}

/** The value as typed, quoted only when a shell would need it to read it back. */
export function shown(text: string): string {
  return /^[^\s"'\\;|&<>$`(){}]+$/u.test(text) ? text : JSON.stringify(text);
}
