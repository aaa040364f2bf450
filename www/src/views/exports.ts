// The download buttons: the credit table and the whole result (only for results that are current),
// the return on spend, the ledger and the budget.
import { element } from "../dom";
import { exportBudget, exportCsv, exportJson, exportLedger, exportRoi } from "../exports";
import type { View } from "./view";

export const exports: View = {
  id: "exports",
  watches: ["report", "paths", "stale"],
  mount() {
    element("export-csv").addEventListener("click", () => void exportCsv());
    element("export-json").addEventListener("click", exportJson);
    element("export-roi").addEventListener("click", () => void exportRoi());
    element("export-ledger").addEventListener("click", () => void exportLedger());
    element("export-budget").addEventListener("click", () => void exportBudget());
  },
  render(state) {
    // Dimmed results are for reference, not for taking away as current.
    const none = (state.report === null && state.paths === null) || state.stale;
    element<HTMLButtonElement>("export-csv").disabled = none;
    element<HTMLButtonElement>("export-json").disabled = none;
  },
};
