// Column mapping: which field of a campaign file the user may want read from a column of another
// name, found in the engine's own problems (a required column missing, a column left unused that
// looks like a field, two columns that could be one field), and the headers a file offers. The
// page suggests; only the user's choice maps a column (the engine's `columns`, the CLI's --map).
import type { ColumnOverrides, Problem } from "../pkg/kol_attribution.js";
import { CAMPAIGN_INPUTS, type Input } from "./inputs";

/** A file whose columns may be mapped: the three a campaign needs and its optional notes and spend. */
export type CampaignFile = (typeof CAMPAIGN_INPUTS)[number];

/** A field the user may map, and why. */
export interface MappingNeed {
  file: CampaignFile;
  field: string;
  /** `missing`: a required column is absent (an error); `unused`: a column looks like this field; `twins`: two columns could be it. */
  kind: "missing" | "unused" | "twins";
  /** The header the engine suggests, if any; never applied without the user's choice. */
  suggestion: string | null;
  /** The line of the file's header (the engine's problems name it). */
  line: number;
}

const isCampaignFile = (file: string): file is CampaignFile => (CAMPAIGN_INPUTS as readonly string[]).includes(file);

/** A header the engine quotes as a JSON-style string. */
function unquote(quoted: string): string {
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return quoted;
  }
}

// The engine's problems say which field in their words; these are the parts read here (its
// tests/hostile.rs pins them). A structured field and suggestion on the problem would make this
// reading unnecessary.
const MISSING = /^no column "([\w]+)" \(or one of:/u;
const CHOSEN = /^no column "((?:[^"\\]|\\.)*)" \(chosen for ([\w]+)\)/u;
const LOOKS_LIKE = /; "((?:[^"\\]|\\.)*)" looks like it: /u;
const USE_AS = /: use it as ([\w]+)\?/u;

/** What the problems ask the user to map, one need per file and field, errors first. */
export function mappingNeeds(problems: readonly Problem[]): MappingNeed[] {
  const needs: MappingNeed[] = [];
  const add = (need: MappingNeed): void => {
    if (!needs.some((n) => n.file === need.file && n.field === need.field)) needs.push(need);
  };
  for (const p of problems) {
    if (!isCampaignFile(p.file)) continue;
    if (p.code === "missing_column") {
      const chosen = CHOSEN.exec(p.message);
      const field = chosen?.[2] ?? MISSING.exec(p.message)?.[1];
      if (!field) continue;
      const looks = LOOKS_LIKE.exec(p.message);
      add({ file: p.file, field, kind: "missing", suggestion: looks?.[1] !== undefined ? unquote(looks[1]) : null, line: p.line });
    } else if (p.code === "unused_column" && p.column !== null && p.value !== null) {
      const field = USE_AS.exec(p.message)?.[1];
      if (field) add({ file: p.file, field, kind: "unused", suggestion: p.value, line: p.line });
    } else if (p.code === "duplicate_column" && p.columnName !== null) {
      add({ file: p.file, field: p.columnName, kind: "twins", suggestion: p.value, line: p.line });
    }
  }
  return needs.sort((a, b) => Number(b.kind === "missing") - Number(a.kind === "missing"));
}

/** The cells of one line of delimited text, its delimiter found as the engine finds it on a header: tab, semicolon or comma. */
export function splitLine(line: string): string[] {
  const count = (c: string): number => line.split(c).length - 1;
  const delimiter = count("\t") > 0 ? "\t" : count(";") > count(",") ? ";" : ",";
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (c === delimiter) {
      cells.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells.filter((c) => c !== "");
}

/** The headers on line `line` (1-based) of an input: its text, or a held file's first lines. */
export function headersOf(input: Input, line: number): string[] {
  const text = input.held ? input.held.preview : typeof input.value === "string" ? input.value : "";
  const lines = text.replace(/^\ufeff/u, "").split(/\r?\n/u);
  return splitLine(lines[line - 1] ?? "");
}

/** The mapped columns of a file, as [field, header] pairs. */
export function mappedColumns(columns: ColumnOverrides, file: CampaignFile): [string, string][] {
  return Object.entries(columns[file] ?? {});
}

/** Whether `value` (from a saved state or a link) is a mapping the page keeps: files' fields to short headers. */
export function checkColumns(value: unknown): ColumnOverrides | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const out: ColumnOverrides = {};
  for (const [file, fields] of Object.entries(value as Record<string, unknown>)) {
    if (!isCampaignFile(file) || typeof fields !== "object" || fields === null || Array.isArray(fields)) return null;
    const entries = Object.entries(fields as Record<string, unknown>);
    if (entries.length > 16) return null;
    const kept: Record<string, string> = {};
    for (const [field, header] of entries) {
      if (!/^[a-z_]{1,32}$/u.test(field) || typeof header !== "string" || header.length === 0 || header.length > 64 || /[<>\u0000-\u001f]/u.test(header)) return null;
      kept[field] = header;
    }
    out[file] = kept;
  }
  return out;
}
