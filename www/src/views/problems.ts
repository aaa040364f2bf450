// What is wrong with the input, above every view: the problems to fix first (errors, then the
// warnings that came with them), then the warnings of the report on screen (data used as
// described), grouped by kind and closed. Each names its line and is a button to it; a line past
// a held file's preview is read from the worker and shown in the data view. The text is never
// changed for the user.
import type { Problem } from "../../pkg/kol_attribution.js";
import { element, h, selectLine } from "../dom";
import { showProblemLine } from "../files";
import { tell, tr } from "../i18n";
import { INPUT_NAMES, type InputName } from "../inputs";
import { groupedList, problemList } from "../render/problem-list";
import { setMode } from "../store";
import type { View } from "./view";

/** Errors listed before "show all" is asked for. */
const LISTED = 50;

/** Shows the input a problem is in, with its line selected (or, past a held file's preview, shown). */
function jumpTo(problem: Problem): void {
  const file = problem.file as InputName;
  if (!INPUT_NAMES.includes(file)) return;
  setMode(file === "paths" ? "paths" : "campaign");
  void showProblemLine(file, problem.line, () => selectLine(element<HTMLTextAreaElement>(`${file}-input`), problem.line));
}

export const problems: View = {
  id: "problems",
  watches: ["problems", "report", "lang"],
  mount() {},
  render(state) {
    const reported = state.report?.warnings ?? [];
    const shown = state.problems;
    // While the input has problems, the last report's warnings are about other data: not shown.
    element("warnings").hidden = reported.length === 0 || shown !== null;
    element("warnings-title").textContent = tr(
      reported.length === 1 ? "1 warning: the data was used as described" : "{count} warnings: the data was used as described",
      { count: reported.length },
    );
    element("warnings-groups").replaceChildren(...groupedList(reported, jumpTo));

    const box = element("problems");
    box.replaceChildren();
    box.hidden = shown === null;
    if (!shown) return;
    const errors = shown.list.filter((p) => p.severity === "error");
    const warnings = shown.list.filter((p) => p.severity !== "error");
    const title =
      shown.list.length === 0
        ? shown.message
          ? tell(shown.message)
          : ""
        : errors.length === 0
          ? tr("Read these rows; your text is kept as it is:")
          : tr("Fix these rows; your text is kept as it is:");
    box.append(h("p", title, "problems-title"));
    // Errors first, every one a button to its line; the warnings that came with them after, by kind.
    const listed = problemList(errors.slice(0, LISTED), jumpTo);
    box.append(listed);
    if (errors.length > LISTED) {
      const more = h("button", tr("Show all {count}", { count: errors.length.toLocaleString("en-US") }), "secondary small");
      more.type = "button";
      more.addEventListener("click", () => {
        listed.replaceWith(problemList(errors, jumpTo));
        more.remove();
      });
      box.append(more);
    }
    if (warnings.length > 0) box.append(...groupedList(warnings, jumpTo));
  },
};
