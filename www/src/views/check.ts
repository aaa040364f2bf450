// Model check: how far to trust each model. Every model that gives a journey a probability,
// scored on journeys it was not fitted on (sentences, then the scores against the base rate's,
// then a calibration chart), the brand's own lift tests held against every model (the editor is
// lift-editor.ts), what the incremental model learned, and, on the sample, each model's distance
// from the known truth. The check's settings (folds, models) are the catalogue's "check" group.
import type { Model } from "../../pkg/kol_attribution.js";
import { type Catalogue, bound, local, modelNames, setting } from "../catalogue";
import { element, h, markInvalid } from "../dom";
import { type Phrase, phrase, tell, tr } from "../i18n";
import { refusalPhrase } from "../refusal";
import { calibrationChart } from "../render/check-chart";
import { checkSentences, liftSentences, renderLiftChecks, renderScores } from "../render/check";
import { showChart } from "../render/chart-figure";
import { renderTruth } from "../render/credit-table";
import { fitNote, renderTierEffects, renderTypeStrengths } from "../render/fit";
import { type PageState, editCheckChoice, page } from "../store";
import { peopledTiers, tierLabels } from "../tiers";
import { type View, drawPart } from "./view";

/** Builds the check's part of the view once: its sentences, settings, scores, chart and the lift tests' block. */
function build(): void {
  const body = element("model-check-body");
  const said = h("div", undefined, "check-said check-result");
  said.id = "check-said";
  said.setAttribute("aria-live", "polite");

  const settings = h("div", undefined, "budget-settings check-settings");
  settings.id = "check-settings";
  const folds = h("label", undefined, "inline-field");
  const foldsInput = h("input");
  foldsInput.id = "check-folds";
  foldsInput.type = "number";
  foldsInput.size = 3;
  folds.append(h("span", undefined, "field-name"), foldsInput);
  const models = h("div", undefined, "model-checks");
  models.id = "check-models";
  models.setAttribute("role", "group");
  settings.append(folds, models);
  const error = h("p", undefined, "field-error");
  error.id = "check-field-error";
  error.hidden = true;
  error.setAttribute("role", "alert");

  const result = h("div", undefined, "check-result");
  result.id = "check-result";
  const wrap = h("div", undefined, "table-wrap");
  wrap.tabIndex = 0;
  const scores = h("table", undefined, "matrix check-scores");
  scores.id = "check-scores";
  wrap.append(scores);
  const chart = h("div", undefined, "chart-host");
  chart.id = "check-chart";
  result.append(wrap, chart);

  const lift = h("section", undefined, "lift-block");
  lift.id = "lift-block";
  lift.setAttribute("aria-labelledby", "lift-title");
  const title = h("h4");
  title.id = "lift-title";
  const help = h("p", undefined, "note");
  help.id = "lift-help";
  const editor = h("div", undefined, "lift-editor");
  editor.id = "lift-editor";
  const liftSaid = h("div", undefined, "check-said check-result");
  liftSaid.id = "lift-said";
  const liftWrap = h("div", undefined, "table-wrap check-result");
  liftWrap.tabIndex = 0;
  const liftTable = h("table", undefined, "matrix lift-results");
  liftTable.id = "lift-results";
  liftWrap.append(liftTable);
  lift.append(title, help, editor, liftSaid, liftWrap);

  body.replaceChildren(said, settings, error, result, lift);
  // What the check shows beside the held-out scores is dimmed with them when stale; the editors are not.
  for (const id of ["fit-block", "truth-block"]) element(id).classList.add("check-result");
}

/** The models a journey's probability can be asked of, in the catalogue's order. */
function probabilityModels(catalogue: Catalogue): Model[] {
  return catalogue.models.filter((m) => m.givesProbability).map((m) => m.id);
}

/** The language the models' boxes were built in: they are built again only for another one, and ticked from the store. */
let builtIn: string | null = null;

function drawSettings(state: Readonly<PageState>, catalogue: Catalogue): void {
  const choice = state.checkChoice;
  if (!choice) return;
  const foldsInfo = setting(catalogue, "check", "folds");
  const modelsInfo = setting(catalogue, "check", "models");
  const folds = element<HTMLInputElement>("check-folds");
  // What is being typed stays as typed.
  if (document.activeElement !== folds) folds.value = String(choice.folds);
  const host = element("check-models");
  if (builtIn !== state.lang) {
    builtIn = state.lang;
    const label = folds.closest("label");
    const name = label?.querySelector(".field-name");
    if (name) name.textContent = local(foldsInfo.label);
    if (label) label.title = local(foldsInfo.help);
    bound(folds, foldsInfo);
    host.setAttribute("aria-label", local(modelsInfo.label));
    host.title = local(modelsInfo.help);
    const modelName = modelNames(catalogue);
    const offered = probabilityModels(catalogue).filter((m) => modelsInfo.values.includes(m));
    host.replaceChildren(
      h("span", local(modelsInfo.label), "field-name"),
      ...offered.map((model) => {
        const box = h("input");
        box.type = "checkbox";
        box.value = model;
        box.addEventListener("change", () => {
          const now = page().checkChoice;
          if (!now) return;
          // The models that give no probability stay as they are: the check names them as such.
          const chosen = (modelsInfo.values as Model[]).filter((m) => (m === model ? box.checked : now.models.includes(m)));
          // At least one model to score: the last box cannot be unticked.
          if (!chosen.some((m) => offered.includes(m))) box.checked = true;
          else editCheckChoice({ ...now, models: chosen });
        });
        const item = h("label", undefined, "check");
        item.append(box, modelName(model));
        return item;
      }),
    );
  }
  for (const box of host.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) box.checked = choice.models.includes(box.value as Model);
}

/** Outlines the check setting the engine refused, with its reason in the page's words. */
function markRefused(state: Readonly<PageState>): void {
  const note = element("check-field-error");
  for (const id of ["check-folds", "check-models"]) markInvalid(element(id), note, null);
  const refused = state.checkError;
  if (!refused) return;
  const control = refused.option === "models" ? element("check-models") : element("check-folds");
  markInvalid(control, note, tell(refusalPhrase(state.catalogue, refused, "check")));
}

function say(host: HTMLElement, said: Phrase[]): void {
  host.replaceChildren(...said.map((p) => h("p", tell(p))));
}

function drawCheck(state: Readonly<PageState>, catalogue: Catalogue): void {
  const modelName = modelNames(catalogue);
  const label = (model: Model) => catalogue.models.find((m) => m.id === model)?.label ?? { en: model, zh: model };
  const check = state.check?.result ?? null;
  const result = element("check-result");
  const waiting = state.checking || (check !== null && check.days !== state.days);
  result.classList.toggle("stale", waiting || state.checkError !== null);
  result.setAttribute("aria-busy", String(state.checking));
  const said: Phrase[] = [];
  if (state.mode !== "campaign") said.push(phrase("The model check needs creators, touches and orders: it scores journeys that did and did not convert, which aggregated paths do not keep apart."));
  else if (state.days === 0) said.push(phrase("The model check runs on one fixed window: choose one of the fixed windows to check the models."));
  else if (state.checking) said.push(phrase("Checking the models on journeys they were not fitted on ({days}-day window)…", { days: state.days }));
  if (check) said.push(...checkSentences(check, label));
  say(element("check-said"), said);
  result.hidden = check === null || state.mode !== "campaign" || state.days === 0;
  if (!check) return;
  renderScores(element<HTMLTableElement>("check-scores"), check, modelName);
  const host = element("check-chart");
  if (check.models.length === 0) host.replaceChildren();
  else
    drawPart("chart", () =>
      showChart(host, tr("Calibration, {days}-day window: predicted against observed conversion rate, by decile", { days: check.days }), `calibration-${check.days}d`, (width) =>
        calibrationChart(check, width, modelName, catalogue.models.map((m) => m.id)),
      ),
    );
}

function drawLift(state: Readonly<PageState>, catalogue: Catalogue): void {
  element("lift-title").textContent = tr("Lift tests: your experiments against each model");
  element("lift-help").textContent = tr(
    "Enter an experiment you ran: the tiers or creators whose notes were withheld (hold Ctrl or ⌘ to choose several), the period, and what it measured with its 90% interval. Every model says what it implies for the same creators and period; the incremental model takes the test into its fit.",
  );
  element("lift-block").hidden = state.mode !== "campaign";
  const report = state.report;
  const sent = (state.computedFrom?.report.options as { liftTests?: [] } | undefined)?.liftTests ?? [];
  const checks = report?.liftChecks ?? [];
  const order = report?.windows[0]?.tiers?.models ?? catalogue.models.map((m) => m.id);
  const shown = state.mode === "campaign" && checks.some((c) => c.days === state.days);
  element("lift-results").closest(".table-wrap")?.toggleAttribute("hidden", !shown);
  const said = element("lift-said");
  if (!shown) {
    said.replaceChildren();
    return;
  }
  say(said, liftSentences(checks, state.days, sent, order));
  renderLiftChecks(element<HTMLTableElement>("lift-results"), checks, state.days, sent, order, modelNames(catalogue));
}

export const check: View = {
  id: "check",
  tab: "check",
  watches: ["report", "days", "settings", "catalogue", "lang", "check", "checking", "checkError", "checkChoice", "mode", "computedFrom"],
  mount() {
    build();
    element("check-folds").addEventListener("input", () => {
      const now = page().checkChoice;
      const typed = element<HTMLInputElement>("check-folds").value.trim();
      // A half-typed number waits; whatever number is typed goes to the engine, which refuses what it does not take.
      if (now && typed !== "" && Number.isFinite(Number(typed))) editCheckChoice({ ...now, folds: Number(typed) });
    });
  },
  render(state) {
    const catalogue = state.catalogue;
    if (catalogue) {
      drawSettings(state, catalogue);
      markRefused(state);
      drawCheck(state, catalogue);
      drawLift(state, catalogue);
    }
    const report = state.report;
    const window = report?.windows.find((w) => w.days === state.days);
    const fit = window?.tiers?.incremental ?? null;
    element("fit-block").hidden = fit === null;
    if (report && fit) {
      element("fit-note").textContent = fitNote(fit, state.days);
      renderTypeStrengths(element<HTMLTableElement>("fit-types"), fit);
      renderTierEffects(element<HTMLTableElement>("fit-tiers"), fit, tierLabels(state.settings), peopledTiers(report.summary));
    }
    const scores = report?.truthScores ?? [];
    element("truth-block").hidden = scores.length === 0;
    if (catalogue && report) renderTruth(element<HTMLTableElement>("truth"), scores, modelNames(catalogue));
  },
};
