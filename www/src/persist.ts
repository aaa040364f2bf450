// Nothing typed is lost: the page's choices and inputs are kept in this browser after each pause
// and put back on the next visit; a share link carries them to another browser. Opening the page
// asks the engine for its catalogue and defaults, then puts back a link, else the last visit,
// else opens the sample.
import type { BudgetOptions } from "../pkg/kol_attribution.js";
import { type Catalogue, defaultOf, isChoice, setting } from "./catalogue";
import { checkColumns } from "./columns";
import { checkLiftDrafts } from "./lift";
import { checkCheckChoice } from "./model-check";
import { EngineError, SAMPLE } from "./engine";
import { loadSample, restoreInput } from "./files";
import { type Phrase, phrase, phraseList, verbatim } from "./i18n";
import { CAMPAIGN_INPUTS, INPUT_NAMES, type Input, type InputName, type Source, savedInput } from "./inputs";
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
const KEPT: Key[] = [
  "mode",
  "inputs",
  "sources",
  "separator",
  "columns",
  "days",
  "customDays",
  "level",
  "tier",
  "method",
  "budgetOptions",
  "lang",
  "creatorView",
  "settings",
  "liftTests",
  "checkChoice",
];
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
    columns: s.columns,
    sources: s.sources,
    liftTests: s.liftTests,
    ...(s.checkChoice ? { check: s.checkChoice } : {}),
  };
}

/** A kept source, if it is one the page writes. */
function checkSource(value: unknown): Source | undefined {
  if (value === null || value === "sample" || value === "pasted") return value;
  if (typeof value !== "object" || value === undefined) return undefined;
  const { name, encoding } = value as { name?: unknown; encoding?: unknown };
  return typeof name === "string" && name.length <= 255 && typeof encoding === "string" && encoding.length <= 16 ? { name, encoding } : undefined;
}

/**
 * Where each restored input came from: as kept, when kept; else the sample's when it is the
 * sample's text exactly (older states, share links), else the user's own.
 */
function sourcesOf(saved: Record<string, unknown> | undefined, inputs: SavedState["inputs"], sample: { inputs: Partial<Record<string, string>> }): Partial<Record<InputName, Source>> {
  const out: Partial<Record<InputName, Source>> = {};
  for (const name of INPUT_NAMES) {
    const kept = saved ? checkSource(saved[name]) : undefined;
    const isSample = (CAMPAIGN_INPUTS as readonly string[]).includes(name) && inputs[name] !== "" && inputs[name] === sample.inputs[name];
    out[name] = kept !== undefined ? kept : isSample ? "sample" : null;
  }
  return out;
}

/** Saves after each pause in the changes a reload would put back. */
export function watch(): void {
  store.subscribe(KEPT, () => {
    if (opening) return;
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_PAUSE_MS);
    store.savePending();
  });
}

/** Writes one after another, so an older state never lands after a newer one. */
let writes: Promise<void> = Promise.resolve();
/** Writes asked for and not yet done: the note is busy until none is left and no change waits. */
let writing = 0;

function save(): void {
  timer = undefined;
  writing += 1;
  writes = writes.then(async () => {
    let note: Phrase;
    try {
      // The state when this write starts: a change made while the last one was written included.
      await saveState(snapshot(store.page()));
      note = phrase("Kept in this browser only, {time}: your data and settings come back when you reopen the page.", { time: new Date().toLocaleTimeString("en-GB") });
    } catch (error) {
      note = phrase("This browser did not keep your data ({error}); it stays on screen until you close the tab.", { error: error instanceof Error ? error.message : String(error) });
    }
    writing -= 1;
    store.noteSaved(note);
    if (timer !== undefined || writing > 0) store.savePending();
  });
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
async function restore(saved: SavedState, refused: string[], note: Phrase, linkNote: PageState["linkNote"] = null): Promise<void> {
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
  const columns = saved.columns === undefined ? {} : checkColumns(saved.columns);
  if (columns === null) refused.push("column mapping");
  const liftTests = saved.liftTests === undefined ? [] : checkLiftDrafts(saved.liftTests);
  if (liftTests === null) refused.push("lift tests");
  const checkChoice = saved.check === undefined ? s.checkChoice : checkCheckChoice(saved.check, catalogue);
  if (checkChoice === null) refused.push("model check settings");
  store.restore({
    lang: saved.lang,
    mode: saved.mode,
    inputs,
    sources: sourcesOf(saved.sources, saved.inputs, sample),
    separator: saved.separator,
    columns: columns ?? {},
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
    linkNote,
    liftTests: liftTests ?? [],
    checkChoice: checkChoice ?? s.checkChoice,
  });
  await recomputeNow();
}

/** The names of what a link's settings set, in the page's words, for the notice at the top. */
function appliedParts(settings: Partial<SavedState>, modelSettings: unknown): Phrase[] {
  const parts: Phrase[] = [];
  if (settings.mode) parts.push(phrase(settings.mode === "paths" ? "the paths view" : "the campaign view"));
  if (settings.days !== undefined) parts.push(phrase("the {days}-day window", { days: settings.days }));
  if (settings.customDays !== undefined && settings.customDays !== null) parts.push(phrase("a custom {days}-day window", { days: settings.customDays }));
  if (settings.level) parts.push(phrase(settings.level === "creator" ? "creator level" : "tier level"));
  if (settings.method) parts.push(phrase(settings.method === "follow_credit" ? "the budget following the credit" : "the budget by marginal return"));
  const budget = settings.budget ?? {};
  if (budget.budget !== undefined && budget.budget !== null) parts.push(phrase("a budget of {amount}", { amount: String(budget.budget) }));
  if ((budget.constraints ?? []).length > 0) parts.push(phrase("{count} tier limits", { count: (budget.constraints ?? []).length }));
  if (typeof modelSettings === "object" && modelSettings !== null) parts.push(phrase("the models and their settings"));
  const tests = (settings.liftTests ?? []).length;
  if (tests > 0) parts.push(tests === 1 ? phrase("1 lift test") : phrase("{count} lift tests", { count: tests }));
  if (settings.check) parts.push(phrase("the model check's settings"));
  if (parts.length === 0) parts.push(phrase("no settings"));
  if (settings.columns && Object.keys(settings.columns).length > 0) parts.push(phrase("the column mapping"));
  if (settings.lang) parts.push(phrase("the language"));
  return parts;
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
  const data = link.shared.inputs
    ? phrase(link.shared.inputs.paths && link.shared.settings?.mode === "paths" ? "the paths the link carries" : "the data the link carries")
    : saved
      ? phrase("your data kept in this browser (links carry only small datasets)")
      : phrase("the sample campaign (links carry only small datasets)");
  if (!inputs) {
    const { result } = await engine.call("sampleCampaign", { options: SAMPLE });
    inputs = { ...result.inputs, notes: result.inputs.notes ?? "", spend: result.inputs.spend ?? "", paths: samplePaths };
  }
  // Where the link's inputs came from is not the link's to say: sources are found again.
  const { sources: _, ...base } = snapshot(store.page());
  const settings: Partial<SavedState> = link.shared.settings ?? {};
  const refused = [...link.refused];
  const note = (): Phrase =>
    refused.length
      ? phrase("Opened from a shared link. Not applied, because this page does not accept them: {refused}.", { refused: refused.join(", ") })
      : phrase(link.shared.inputs ? "Opened from a shared link, data included." : "Opened from a shared link; the data is this browser's own (links carry only small datasets).");
  const linkNote = (): NonNullable<PageState["linkNote"]> => {
    if (link.damaged) return { words: [phrase("This share link is damaged or not one of ours: nothing in it was applied. Shown: {data}.", { data })], mood: "error" };
    const words = [phrase("Opened from a shared link: {applied} applied to {data}.", { applied: phraseList(appliedParts(settings, link.modelSettings)), data })];
    if (refused.length) words.push(phrase("Not applied, because this page does not accept them: {refused}.", { refused: refused.join(", ") }));
    return { words, mood: refused.length ? "error" : "ok" };
  };
  await restore(
    { ...base, ...settings, settings: link.modelSettings as ModelSettings, budget: { ...base.budget, ...(settings.budget ?? {}) }, inputs },
    refused,
    note(),
  );
  // The settings' refusals are known only once they were checked.
  store.noteSaved(note());
  store.noteLink(linkNote());
}

/** The page has opened: from now on, changes are saved. */
export function opened(): void {
  opening = false;
}
