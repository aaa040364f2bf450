// The page around the views: its language switch, its title, its static text in the language
// chosen, and the engine's version in the footer.
import { element } from "../dom";
import { tr, translateStatic } from "../i18n";
import { setLanguage } from "../store";
import type { View } from "./view";

const LANGUAGES = ["en", "zh"] as const;

export const frame: View = {
  id: "frame",
  watches: ["lang", "catalogue"],
  mount() {
    for (const choice of LANGUAGES) element(`lang-${choice}`).addEventListener("click", () => setLanguage(choice));
  },
  render(state) {
    // Drawn first: the static text is recorded before any view adds its own.
    translateStatic(document.body);
    document.title = tr("KOL Attribution · Xiaohongshu creator credit calculator");
    for (const choice of LANGUAGES) element(`lang-${choice}`).setAttribute("aria-pressed", String(choice === state.lang));
    // The comma goes with the version: a page whose engine has not started (or cannot) says no ", .".
    element("engine-version").textContent = state.catalogue ? `${tr(", ")}v${state.catalogue.version}` : "";
  },
};
