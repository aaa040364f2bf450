// Downloads of what is on screen: CSVs the engine writes (spreadsheet-safe, with a byte-order
// mark so Excel reads Chinese names) and the whole result as one JSON document.
import { withCreatorColumns } from "./csv";
import { saveFile } from "./dom";
import { engine } from "./page-engine";
import { page, shownPaths } from "./store";

function download(csv: string, name: string): void {
  // A byte-order mark so Excel opens the UTF-8 (Chinese names) correctly.
  saveFile(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }), name);
}

/** The credit table's CSV: the campaign report's, or the paths window shown. */
export async function exportCsv(): Promise<void> {
  const s = page();
  const comparison = shownPaths(s)?.comparison ?? null;
  if (s.report) {
    const csv = (await engine.call("reportCsv", { report: s.report })).result;
    download(withCreatorColumns(csv, "channel", s.report.creators, (row) => row.level === "creator"), "kol-attribution-report.csv");
  }
  else if (comparison) download((await engine.call("creditsCsv", { comparison })).result, "kol-attribution-credits.csv");
}

/** The whole result as one JSON document, with the settings and engine version that produced it. */
export function exportJson(): void {
  const s = page();
  const engineVersion = s.catalogue?.version ?? "";
  const whole =
    s.report !== null
      ? { engine: engineVersion, settings: s.settings, report: s.report, money: s.money, returnOnSpend: s.roi, budget: s.budget }
      : { engine: engineVersion, settings: s.settings, paths: s.paths?.windows ?? null };
  saveFile(new Blob([JSON.stringify(whole, null, 2)], { type: "application/json" }), "kol-attribution-result.json");
}

export async function exportRoi(): Promise<void> {
  const s = page();
  const { result } = await engine.call("roiCsv", { rows: s.roi });
  download(withCreatorColumns(result, "channel", s.report?.creators ?? [], (row) => row.level === "creator"), "kol-attribution-return-on-spend.csv");
}

export async function exportLedger(): Promise<void> {
  const s = page();
  if (!s.money) return;
  const { result } = await engine.call("ledgerCsv", { report: s.money });
  download(withCreatorColumns(result, "kol_id", s.report?.creators ?? []), "kol-attribution-ledger.csv");
}

export async function exportBudget(): Promise<void> {
  const budget = page().budget;
  if (!budget) return;
  const { result } = await engine.call("budgetCsv", { report: budget });
  download(result, "kol-attribution-budget.csv");
}
