// Nothing typed is lost: the page's choices and inputs are kept in this browser after each pause
// and put back on the next visit; a share link carries them to another browser. Opening the page
// asks the engine for its catalogue and defaults, then puts back a link, else the last visit,
// else opens the sample.
import type { BudgetOptions } from "../pkg/kol_attribution.js";
import { type Catalogue, defaultOf, isChoice, setting } from "./catalogue";
import { EngineError, SAMPLE } from "./engine";
import { loadSample, restoreInput } from "./files";
import { type Phrase, phrase, verbatim } from "./i18n";
import { INPUT_NAMES, type Input, type InputName, savedInput } from "./inputs";
import { type ModelSettings, checkSettings, defaultSettings } from "./model-settings";
import { engine } from "./page-engine";
import { recomputeNow } from "./recompute";
import { checkCreatorView } from "./render/creator-table";
import samplePaths from "./sample-paths.csv?raw";
import { readShareLink, shareLink } from "./share";
import { type SavedState, loadState, saveState } from "./storage";
import * as store from "./store";
import type { Key, PageState } from "./store";

/** What a reload puts back; a change to any of these is saved after a pause. */
const KEPT: Key[] = ["mode", "inputs", "separator", "days", "customDays", "level", "tier", "method", "budgetOptions", "lang", "creatorView", "settings"];
const SAVE_PAUSE_MS = 400;

/** While the page opens, what it puts back is not saved again. */
let opening = true;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Everything needed to put the page back as it is. */
function snapshot(s: Readonly<PageState>): SavedState {
  const inputs = Object.fromEntries(INPUT_NAMES.map((name) => [name, savedInput(s.inputs[name])])) as SavedState["inputs"];
  return {
    mode: s.mode,
    inputs,
    separator: s.separator,
    days: s.days,
    customDays: s.customDays,
    level: s.level,
    tier: s.tier,
    method: s.method,
    budget: s.budgetOptions,
    lang: s.lang,
    ...(s.creatorView ? { creators: s.creatorView } : {}),
    ...(s.settings ? { settings: s.settings } : {}),
  };
}

/** Saves after each pause in the changes a reload would put back. */
export function watch(): void {
  store.subscribe(KEPT, () => {
    if (opening) return;
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_PAUSE_MS);
  });
}

function save(): void {
  saveState(snapshot(store.page())).then(
    () => store.noteSaved(phrase("Kept in this browser only, {time}: your data and settings come back when you reopen the page.", { time: new Date().toLocaleTimeString("en-GB") })),
    (error: unknown) =>
      store.noteSaved(
        phrase("This browser did not keep your data ({error}); it stays on screen until you close the tab.", { error: error instanceof Error ? error.message : String(error) }),
      ),
  );
}

/** A link to the page as it is, with its data when small enough; the store keeps it to show. */
export async function share(): Promise<{ url: string; withData: boolean }> {
  const link = await shareLink(snapshot(store.page()));
  store.linkMade(link);
  return link;
}

/** The budget settings kept, over `base`: choices the engine does not have fall back to its defaults; numbers are the engine's to check. */
function keptBudget(kept: BudgetOptions, base: BudgetOptions, catalogue: Catalogue): BudgetOptions {
  const choice = <T extends string>(path: string, value: unknown): T => {
    const info = setting(catalogue, "budget", path);
    return isChoice<T>(info, value) ? value : defaultOf<string>(info) as T;
  };
  const { budget: _, ...rest } = base;
  const out: BudgetOptions = { ...rest, curve: choice("curve", kept.curve), metric: choice("metric", kept.metric), constraints: kept.constraints ?? [] };
  if (typeof kept.budget === "string" || typeof kept.budget === "number") out.budget = String(kept.budget);
  for (const key of ["halfSaturation", "slope", "exponent"] as const) {
    const value = kept[key];
    if (typeof value === "number") out[key] = value;
  }
  return out;
}

/** Puts back `saved` (checked: what is refused is named in `refused`), then computes it. */
async function restore(saved: SavedState, refused: string[], note: Phrase): Promise<void> {
  const s = store.page();
  const catalogue = s.catalogue!;
  // The sample's truth table shows while the inputs are still exactly the sample's.
  const { result: sample } = await engine.call("sampleCampaign", { options: SAMPLE });
  const inputs: Partial<Record<InputName, Input>> = {};
  let problems: PageState["problems"] = null;
  for (const name of INPUT_NAMES) {
    const input = await restoreInput(name, saved.inputs[name]);
    if (input instanceof EngineError) problems = { list: input.problems, message: verbatim(input.message) };
    else inputs[name] = input;
  }
  store.restore({
    lang: saved.lang,
    mode: saved.mode,
    inputs,
    separator: saved.separator,
    days: saved.days,
    customDays: saved.customDays,
    level: saved.level,
    tier: saved.tier,
    method: saved.method,
    budgetOptions: keptBudget(saved.budget, s.budgetOptions, catalogue),
    creatorView: saved.creators && s.creatorView ? checkCreatorView(saved.creators, s.creatorView) : s.creatorView,
    settings: checkSettings(saved.settings, s.defaults!, catalogue, refused),
    sample,
    problems,
    saveNote: note,
  });
  await recomputeNow();
}

/** A share link wins over what this browser kept; what the link lacks comes from there or the sample. */
export async function start(): Promise<void> {
  const [{ result: catalogue }, { result: defaults }] = await Promise.all([engine.call("catalogue", {}), engine.call("defaultReportOptions", {})]);
  store.begin(catalogue, defaultSettings(catalogue, defaults.input?.tiers ?? []));
  const saved = await loadState();
  const link = await readShareLink(location.hash, catalogue);
  if (!link) {
    await (saved ? restore(saved, [], phrase("Restored from your last visit (kept in this browser only).")) : loadSample());
    return;
  }
  // The link is applied once; from then on the page saves and restores as usual.
  history.replaceState(null, "", location.pathname + location.search);
  let inputs = link.shared.inputs ?? saved?.inputs ?? null;
  if (!inputs) {
    const { result } = await engine.call("sampleCampaign", { options: SAMPLE });
    inputs = { ...result.inputs, paths: samplePaths };
  }
  const base = snapshot(store.page());
  const settings: Partial<SavedState> = link.shared.settings ?? {};
  const refused = [...link.refused];
  const note = (): Phrase =>
    refused.length
      ? phrase("Opened from a shared link. Not applied, because this page does not accept them: {refused}.", { refused: refused.join(", ") })
      : phrase(link.shared.inputs ? "Opened from a shared link, data included." : "Opened from a shared link; the data is this browser's own (links carry only small datasets).");
  await restore({ ...base, ...settings, settings: link.modelSettings as ModelSettings, budget: { ...base.budget, ...(settings.budget ?? {}) }, inputs }, refused, note());
  // The settings' refusals are known only once they were checked.
  store.noteSaved(note());
}

/** The page has opened: from now on, changes are saved. */
export function opened(): void {
  opening = false;
}
