// The model check: every model that gives a journey a probability, fitted on all folds but one
// and scored on the one left out. It refits the incremental model once per fold, so it is asked
// for only while its view is shown, for the window shown and the report on screen (its inputs,
// tiers, columns and model parameters: the check and the report always describe the same
// campaign), and again only when one of those or its own settings change (not the lift tests,
// which change the report but not the check). A newer check wins; a refused setting is outlined
// and the last check stays, dimmed; a crash offers Try again.
import type { CheckOptions, Model, ReportOptions } from "../pkg/kol_attribution.js";
import { type Catalogue, allows, setting } from "./catalogue";
import { EngineError } from "./engine";
import { type CampaignSent, sameInputs } from "./inputs";
import { engine, failureOf } from "./page-engine";
import * as store from "./store";
import type { CheckChoice, PageState } from "./store";

let latest = 0;

/** The folds and models in `raw` (a saved state or a share link) that the catalogue allows, else null. */
export function checkCheckChoice(raw: unknown, catalogue: Catalogue): CheckChoice | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { folds, models } = raw as { folds?: unknown; models?: unknown };
  const allowed = setting(catalogue, "check", "models").values;
  const fine = allows(setting(catalogue, "check", "folds"), folds) && Array.isArray(models) && models.every((m) => typeof m === "string" && allowed.includes(m));
  return fine ? { folds: folds as number, models: [...new Set(models as Model[])] } : null;
}

/** What the check of the state shown would be computed from, or null when there is nothing to check. */
function request(s: Readonly<PageState>): { options: CheckOptions; key: string; inputs: CampaignSent } | null {
  const from = s.computedFrom?.report;
  // The check fits one fixed window; the window by category (days 0) has none to check.
  if (s.view !== "check" || s.mode !== "campaign" || s.stale || !from || !s.checkChoice || !s.report || s.days === 0) return null;
  const report = from.options as ReportOptions;
  const options: CheckOptions = {
    days: s.days,
    folds: s.checkChoice.folds,
    models: s.checkChoice.models,
    modelOptions: report.modelOptions ?? {},
    input: report.input ?? {},
  };
  // What the check depends on: not the report's lift tests or windows, and not `now`, which only flags future dates.
  return { options, key: JSON.stringify({ ...options, input: { ...options.input, now: undefined } }), inputs: from.inputs };
}

/** Whether the check on screen is the one `asked` would compute. */
function onScreen(s: Readonly<PageState>, asked: { key: string; inputs: CampaignSent }): boolean {
  const check = s.check;
  return check !== null && check.key === asked.key && sameInputs(check.inputs, asked.inputs);
}

async function run(): Promise<void> {
  const s = store.page();
  const asked = request(s);
  if (!asked || (s.checkError !== null && s.checkChoice === refusedChoice)) return;
  // Back to the settings of the check on screen (a refused number typed over): it stands again.
  if (onScreen(s, asked)) {
    if (s.checkError !== null && s.check) store.checkComputed(s.check.result, s.check.inputs, s.check.key);
    return;
  }
  const ticket = ++latest;
  store.checkStarted();
  try {
    const { result } = await engine.call("modelCheck", { inputs: asked.inputs, options: asked.options });
    if (ticket === latest) store.checkComputed(result, asked.inputs, asked.key);
  } catch (error) {
    if (ticket !== latest) return;
    if (error instanceof EngineError && !error.cancelled && !error.internal) {
      refusedChoice = s.checkChoice;
      store.checkRefused({ message: error.message, option: error.option });
    } else {
      store.checkStarted(false);
      if (!(error instanceof EngineError && error.cancelled)) store.failed(failureOf(error));
    }
  }
}

/** The choice the engine last refused: not asked again until it changes. */
let refusedChoice: CheckChoice | null = null;

/** Checks the models when their view is shown and what the check depends on changes. */
export function watch(): void {
  store.subscribe(["view", "days", "checkChoice", "computedFrom", "stale", "mode"], () => void run());
}
