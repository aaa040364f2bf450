// A list of input problems (or warnings), each naming its file, line, column and value, each a
// button that jumps to its line.
import type { Problem } from "../../pkg/kol_attribution.js";
import { h } from "../dom";
import { language, tr } from "../i18n";
import { PROBLEM_ZH } from "../zh";

/** Where the problem is and what it is, in the current language. */
export function describe(problem: Problem): string {
  const where = [tr("{file} line {line}", { file: problem.file, line: problem.line })];
  if (problem.column !== null) {
    const column = { column: problem.column, name: problem.columnName ?? "" };
    where.push(problem.columnName ? tr("column {column} ({name})", column) : tr("column {column}", column));
  }
  const value = problem.value !== null && problem.value !== "" ? tr(" “{value}”", { value: problem.value }) : "";
  // The engine explains in English; in Chinese a headline per kind of problem comes first.
  const what = language() === "zh" ? `${PROBLEM_ZH[problem.code]}（${problem.message}）` : problem.message;
  return `${where.join(tr(", "))}${value}${tr(": ")}${what}`;
}

/** The problems as a list of buttons; `jump` is called with the one chosen. */
export function problemList(problems: Problem[], jump: (problem: Problem) => void): HTMLUListElement {
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
