// Which window and level the results show: a button per lookback window (a multi-window paths
// file's too), a custom window of any length the engine allows, and tier or creator level.
import { windowRange } from "../catalogue";
import { element, h } from "../dom";
import { tr } from "../i18n";
import { type Level, chooseLevel, chooseWindow, page, setCustomWindow, shownPaths } from "../store";
import type { View } from "./view";

const LEVELS: Level[] = ["tier", "creator"];

export const controls: View = {
  id: "controls",
  watches: ["report", "paths", "days", "level", "customDays", "catalogue", "lang"],
  mount() {
    const custom = element<HTMLInputElement>("custom-window");
    custom.addEventListener("change", () => {
      const catalogue = page().catalogue;
      if (!catalogue) return;
      const range = windowRange(catalogue);
      const days = Number(custom.value);
      const valid = Number.isInteger(days) && days >= range.min && days <= range.max;
      custom.setCustomValidity(valid || custom.value === "" ? "" : range.rule.charAt(0).toUpperCase() + range.rule.slice(1));
      custom.reportValidity();
      if (valid || custom.value === "") setCustomWindow(valid ? days : null);
    });
    for (const level of LEVELS) element(`level-${level}`).addEventListener("click", () => chooseLevel(level));
  },
  render(state) {
    const custom = element<HTMLInputElement>("custom-window");
    const customLabel = custom.closest("label");
    const levels = element("level-tier").parentElement;
    if (state.catalogue && customLabel) {
      const range = windowRange(state.catalogue);
      custom.min = String(range.min);
      custom.max = String(range.max);
      customLabel.title = tr("Add a lookback window of any length, {min} to {max} days", range);
    }
    if (state.customDays !== null && document.activeElement !== custom) custom.value = String(state.customDays);
    // A campaign report has every control; a paths file only its windows, when it has several.
    const windows = state.report?.windows ?? state.paths?.windows.windows ?? [];
    const campaign = state.report !== null;
    element("view-controls").hidden = !campaign && windows.length < 2;
    if (customLabel) customLabel.hidden = !campaign;
    if (levels) levels.hidden = !campaign;
    const shown = campaign ? state.days : shownPaths(state)?.days;
    const buttons = element("window-buttons");
    buttons.replaceChildren();
    for (const w of windows) {
      const button = h("button", tr("{days} days", { days: w.days ?? "" }));
      button.type = "button";
      button.setAttribute("aria-pressed", String(w.days === shown));
      button.addEventListener("click", () => {
        if (w.days !== null) chooseWindow(w.days);
      });
      buttons.append(button);
    }
    for (const level of LEVELS) element(`level-${level}`).setAttribute("aria-pressed", String(state.level === level));
  },
};
