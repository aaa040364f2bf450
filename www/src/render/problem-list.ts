// Input problems (or warnings), each naming its file, line, column and value, each a button that
// jumps to its line; many warnings of one kind grouped under its headline (271 orders without a
// touch are one line until opened).
import type { Problem, ProblemCode } from "../../pkg/kol_attribution.js";
import { h } from "../dom";
import { language, tr } from "../i18n";

/** What each kind of problem is, in a few words (translated in zh.ts); the engine's detail says the rest. */
export const PROBLEM_HEADLINES: Record<ProblemCode, string> = {
  empty_input: "An empty file",
  missing_column: "A required column is missing",
  duplicate_column: "Two columns could be one field",
  malformed_row: "A row that cannot be read",
  missing_cell: "A missing cell",
  empty_path: "An empty path",
  not_a_number: "Not a number",
  ambiguous_amount: "An ambiguous amount",
  negative: "A negative value",
  too_large: "A value too large",
  too_many_decimals: "Too many decimal places",
  too_many_channels: "Too many channels",
  too_many_problems: "Too many problems; the rest are not listed",
  invalid_encoding: "Text in an unknown encoding",
  not_a_timestamp: "Not a date or time",
  invalid_rate: "An invalid commission rate",
  unknown_value: "An unknown value",
  empty_cell: "An empty cell",
  duplicate_id: "A repeated id",
  refund_exceeds_value: "A refund above the order's value",
  unknown_creator: "A creator not in the roster",
  unknown_touch_type: "An unknown touch type",
  order_without_touches: "An order with no touch before it",
  touch_after_last_order: "A touch after the journey's last order",
  future_date: "A date in the future",
  excel_dates: "Dates written as Excel numbers",
  time_out_of_range: "A date far from the campaign's",
  date_only_orders: "Orders with a date alone",
  unused_column: "A column not used",
  header_not_first: "The header is not the first row",
  duplicate_row: "A repeated row",
  mangled_id: "An id changed by a spreadsheet",
  partial_return: "A returned order with a partial refund",
  separator_in_name: "A name holding the path separator",
};

/** A kind of problem's headline in the current language. */
export function headline(code: ProblemCode): string {
  return tr(PROBLEM_HEADLINES[code] ?? code);
}

/** Where the problem is and what it is, in the current language. */
export function describe(problem: Problem): string {
  const where = [tr("{file} line {line}", { file: problem.file, line: problem.line })];
  if (problem.column !== null) {
    const column = { column: problem.column, name: problem.columnName ?? "" };
    where.push(problem.columnName ? tr("column {column} ({name})", column) : tr("column {column}", column));
  }
  const value = problem.value !== null && problem.value !== "" ? tr(" “{value}”", { value: problem.value }) : "";
  // The engine explains in English; in Chinese a headline per kind of problem comes first.
  const what = language() === "zh" ? `${headline(problem.code)}（${problem.message}）` : problem.message;
  return `${where.join(tr(", "))}${value}${tr(": ")}${what}`;
}

/** The problems as a list of buttons; `jump` is called with the one chosen. */
export function problemList(problems: readonly Problem[], jump: (problem: Problem) => void): HTMLUListElement {
  const list = h("ul");
  for (const problem of problems) {
    const item = h("li");
    const button = h("button", describe(problem), "problem");
    button.type = "button";
    button.addEventListener("click", () => jump(problem));
    item.append(button);
    list.append(item);
  }
  return list;
}

/** Rows listed in a group before "show all" is asked for. */
const GROUP_ROWS = 20;

/**
 * The problems grouped by kind, each group a disclosure headed by its headline and count, its
 * first rows listed and the rest behind a button; the groups in order of first appearance.
 */
export function groupedList(problems: readonly Problem[], jump: (problem: Problem) => void): HTMLElement[] {
  const groups = new Map<ProblemCode, Problem[]>();
  for (const p of problems) {
    const group = groups.get(p.code);
    if (group) group.push(p);
    else groups.set(p.code, [p]);
  }
  return [...groups].map(([code, items]) => {
    const group = h("details", undefined, "problem-group");
    group.dataset.code = code;
    const summary = h("summary", tr("{headline}: {count}", { headline: headline(code), count: items.length.toLocaleString("en-US") }));
    const list = problemList(items.slice(0, GROUP_ROWS), jump);
    group.append(summary, list);
    if (items.length > GROUP_ROWS) {
      const more = h("button", tr("Show all {count}", { count: items.length.toLocaleString("en-US") }), "secondary small");
      more.type = "button";
      more.addEventListener("click", () => {
        list.replaceWith(problemList(items, jump));
        more.remove();
      });
      group.append(more);
    }
    return group;
  });
}
