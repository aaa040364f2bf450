// The engine's CSV exports with each creator's handle and tier beside its kol_id, so a sheet
// reads without a lookup. The engine writes the CSV; the page only adds two cells per row, made
// inert for spreadsheets by the engine's own rule (src/read/cell.rs: a cell a spreadsheet would
// run as a formula gets a leading apostrophe) and quoted as the engine quotes.
import type { CreatorInfo } from "../pkg/kol_attribution.js";

/** The characters that start a formula in Excel, LibreOffice and Google Sheets. */
const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"];
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/u;

/** A cell a spreadsheet will not run: `=cmd` → `'=cmd`; a plain number such as `-10.00` stays. */
export function spreadsheetSafe(cell: string): string {
  const bare = cell.replace(/^'+/u, "");
  return FORMULA_STARTS.some((c) => bare.startsWith(c)) && !PLAIN_NUMBER.test(bare) ? `'${cell}` : cell;
}

/** A cell as CSV writes it: quoted when it holds a separator, a quote or a line break. */
function written(cell: string): string {
  return /[",\r\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The rows of a CSV text, each its cells (quotes undone). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * `csv` with `handle` and `tier` columns after its column `idColumn`, for the rows whose id is a
 * creator's (`creatorRow` says which, e.g. the rows at creator level); other rows get empty cells.
 */
export function withCreatorColumns(csv: string, idColumn: string, creators: readonly CreatorInfo[], creatorRow: (row: Record<string, string>) => boolean = () => true): string {
  const rows = parseCsv(csv);
  const header = rows[0];
  const at = header?.indexOf(idColumn) ?? -1;
  if (!header || at < 0) return csv;
  const byId = new Map(creators.map((c) => [c.id, c]));
  const out = rows.map((cells, i) => {
    let added: string[];
    if (i === 0) added = ["handle", "tier"];
    else {
      const record = Object.fromEntries(header.map((name, j) => [name, cells[j] ?? ""]));
      // The id as written may carry the spreadsheet mark: the roster's own id is without it.
      const id = (cells[at] ?? "").replace(/^'(?=['=+\-@\t\r])/u, "");
      const creator = creatorRow(record) ? byId.get(id) : undefined;
      added = creator ? [spreadsheetSafe(creator.handle), spreadsheetSafe(creator.tier)] : ["", ""];
    }
    return [...cells.slice(0, at + 1), ...added, ...cells.slice(at + 1)].map(written).join(",");
  });
  return `${out.join("\n")}\n`;
}
