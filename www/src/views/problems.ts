// The input problems to fix, and the warnings of the report on screen (data used as described),
// each a button to its line; the text is never changed for the user.
import type { Problem } from "../../pkg/kol_attribution.js";
import { element, h, selectLine } from "../dom";
import { tell, tr } from "../i18n";
import { INPUT_NAMES, type InputName } from "../inputs";
import { problemList } from "../render/problem-list";
import { setMode } from "../store";
import type { View } from "./view";

/** Shows the input a problem is in, with its line selected. */
function jumpTo(problem: Problem): void {
  const file = problem.file as InputName;
  if (!INPUT_NAMES.includes(file)) return;
  setMode(file === "paths" ? "paths" : "campaign");
  selectLine(element<HTMLTextAreaElement>(`${file}-input`), problem.line);
}

export const problems: View = {
  id: "problems",
  watches: ["problems", "report", "lang"],
  mount() {},
  render(state) {
    const warnings = state.report?.warnings ?? [];
    element("warnings").hidden = warnings.length === 0;
    element("warnings-title").textContent = tr(
      warnings.length === 1 ? "1 warning: the data was used as described" : "{count} warnings: the data was used as described",
      { count: warnings.length },
    );
    element("warnings-list").replaceWith(Object.assign(problemList(warnings, jumpTo), { id: "warnings-list" }));

    const box = element("problems");
    const shown = state.problems;
    box.replaceChildren();
    box.hidden = shown === null;
    if (!shown) return;
    box.append(h("p", shown.list.length ? tr("Fix these rows; your text is kept as it is:") : shown.message ? tell(shown.message) : "", "problems-title"));
    box.append(problemList(shown.list, jumpTo));
  },
};
