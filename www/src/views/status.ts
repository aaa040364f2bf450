// The status line under the results heading, the spinner and Cancel beside it, Try again, and the
// results dimmed while they are not those of the input shown. What the line says is kept in the
// store as phrases, so a language switch says it again.
import { element } from "../dom";
import { tell } from "../i18n";
import { cancel, retry } from "../recompute";
import { mixedInputs } from "../store";
import type { View } from "./view";

/** Work shorter than this shows no spinner, so quick edits do not flicker. */
const SHOW_AFTER_MS = 250;
/** Calls that follow one another this closely (the intervals go window by window) are one stretch of work. */
const HIDE_AFTER_MS = 50;

let wasBusy = false;
let show: number | undefined;
let hide: number | undefined;

function working(visible: boolean): void {
  element("working").hidden = !visible;
  element("cancel").hidden = !visible;
}

export const status: View = {
  id: "status",
  last: true,
  watches: ["status", "mood", "busy", "retry", "stale", "sources", "mode", "lang"],
  mount() {
    element("cancel").addEventListener("click", cancel);
    element("retry").addEventListener("click", retry);
  },
  render(state) {
    const line = element("status");
    line.textContent = tell(state.status);
    // A mix of the sample and the user's own files computed fine, but is no answer: not said in green.
    const mood = state.mood === "ok" && mixedInputs(state) !== null ? "warn" : state.mood;
    line.className = mood ? `status ${mood}` : "status";
    element("retry").hidden = !state.retry;
    // The last good numbers stay on screen for reference, never passed off as current.
    element("results-panel").classList.toggle("stale", state.stale);
    if (state.busy === wasBusy) return;
    wasBusy = state.busy;
    window.clearTimeout(hide);
    if (state.busy) {
      if (show === undefined && element("working").hidden) show = window.setTimeout(() => ((show = undefined), working(true)), SHOW_AFTER_MS);
    } else {
      hide = window.setTimeout(() => {
        window.clearTimeout(show);
        show = undefined;
        working(false);
      }, HIDE_AFTER_MS);
    }
  },
};
