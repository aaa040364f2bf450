// Column mapping, at the top of the page when a file needs it: each field the engine found
// missing, or a column that looks like a field it left unread, with a menu of that file's headers
// and the engine's suggestion chosen in it, applied only when the user says so. The file is never
// edited (a held file cannot be): the mapping is the engine's `columns` option, kept in this
// browser and in share links; each mapping in use is listed with a way back.
import type { Problem } from "../../pkg/kol_attribution.js";
import { type CampaignFile, type MappingNeed, headersOf, mappedColumns, mappingNeeds } from "../columns";
import { element, h } from "../dom";
import { tr } from "../i18n";
import { CAMPAIGN_INPUTS } from "../inputs";
import { type PageState, mapColumn } from "../store";
import type { View } from "./view";

/** A file's name as the page labels its input. */
const FILE_LABELS: Record<CampaignFile, string> = { creators: "Creators", touchpoints: "Touchpoints", orders: "Orders", notes: "Notes", spend: "Ad and search spend" };

function needRow(need: MappingNeed, state: Readonly<PageState>): HTMLElement {
  const row = h("div", undefined, `mapping-row ${need.kind}`);
  row.dataset.file = need.file;
  row.dataset.field = need.field;
  const file = tr(FILE_LABELS[need.file]);
  const said =
    need.kind === "missing"
      ? tr("{file}: no column gives {field}, which is required.", { file, field: need.field })
      : need.kind === "twins"
        ? tr("{file}: two columns could be {field}; choose one.", { file, field: need.field })
        : tr("{file}: “{header}” is not used. Use it as {field}?", { file, header: need.suggestion ?? "", field: need.field });
  row.append(h("p", said, "mapping-said"));
  const headers = headersOf(state.inputs[need.file], need.line);
  const pick = h("select");
  pick.setAttribute("aria-label", tr("Column to read {field} from in {file}", { field: need.field, file }));
  const none = h("option", tr("Choose a column…"));
  none.value = "";
  pick.append(none);
  for (const header of headers) {
    const option = h("option", header === need.suggestion ? tr("{header} (suggested)", { header }) : header);
    option.value = header;
    option.selected = header === need.suggestion;
    pick.append(option);
  }
  // A header the page cannot split out of the file (a JSON file, say) is still offered as suggested.
  if (need.suggestion !== null && !headers.includes(need.suggestion)) {
    const option = h("option", tr("{header} (suggested)", { header: need.suggestion }));
    option.value = need.suggestion;
    option.selected = true;
    pick.append(option);
  }
  const use = h("button", tr("Use as {field}", { field: need.field }));
  use.type = "button";
  use.disabled = pick.value === "";
  pick.addEventListener("change", () => {
    use.disabled = pick.value === "";
  });
  use.addEventListener("click", () => {
    if (pick.value) mapColumn(need.file, need.field, pick.value);
  });
  const controls = h("div", undefined, "mapping-controls");
  controls.append(pick, use);
  row.append(controls);
  return row;
}

function mappedRow(file: CampaignFile, field: string, header: string): HTMLElement {
  const row = h("div", undefined, "mapping-row mapped");
  row.dataset.file = file;
  row.dataset.field = field;
  row.append(h("p", tr("{file}: {field} is read from “{header}”.", { file: tr(FILE_LABELS[file]), field, header }), "mapping-said"));
  const undo = h("button", tr("Stop reading {field} from “{header}”", { field, header }), "secondary small");
  undo.type = "button";
  undo.addEventListener("click", () => mapColumn(file, field, null));
  row.append(undo);
  return row;
}

export const mapping: View = {
  id: "mapping",
  watches: ["problems", "report", "columns", "inputs", "mode", "lang"],
  mount() {},
  render(state) {
    const box = element("mapping");
    const found: Problem[] = state.problems ? state.problems.list : (state.report?.warnings ?? []);
    const needs = state.mode === "campaign" ? mappingNeeds(found) : [];
    const mapped = state.mode === "campaign" ? CAMPAIGN_INPUTS.flatMap((file) => mappedColumns(state.columns, file).map(([field, header]) => ({ file, field, header }))) : [];
    box.hidden = needs.length === 0 && mapped.length === 0;
    if (box.hidden) {
      box.replaceChildren();
      return;
    }
    const title = h("p", tr(needs.length > 0 ? "Column mapping: check how your files' columns are read" : "Column mapping"), "mapping-title");
    const hint = h(
      "p",
      tr("A mapping reads a field from a column of another name without changing your file; it is kept in this browser and in share links. Nothing is mapped until you choose."),
      "hint",
    );
    box.replaceChildren(title, hint, ...needs.map((need) => needRow(need, state)), ...mapped.map(({ file, field, header }) => mappedRow(file, field, header)));
  },
};
