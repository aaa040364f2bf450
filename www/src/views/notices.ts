// What the page must say before any result: what a share link applied and to which data (or why
// it applied nothing), and that the campaign on screen mixes the sample with the user's own files.
// A mix is computed, so the user's files' problems are found, but its results are dimmed and
// never passed off as an answer; the same goes for results the input shown can no longer give.
import { element, h } from "../dom";
import { tell, tr } from "../i18n";
import type { InputName } from "../inputs";
import { loadSample } from "../files";
import { chooseView, dismissLinkNote, mixedInputs } from "../store";
import type { View } from "./view";

const FILE_WORDS: Record<InputName, string> = { creators: "creators", touchpoints: "touches", orders: "orders", paths: "paths", notes: "notes", spend: "spend" };

/** "touches and orders", "creators", in the current language. */
function files(names: InputName[]): string {
  const words = names.map((n) => tr(FILE_WORDS[n]));
  return words.length < 2 ? (words[0] ?? "") : tr("{some} and {last}", { some: words.slice(0, -1).join(tr(", ")), last: words.at(-1) ?? "" });
}

function button(text: string, act: () => void, secondary = true): HTMLButtonElement {
  const b = h("button", text, secondary ? "secondary small" : "small");
  b.type = "button";
  b.addEventListener("click", act);
  return b;
}

/**
 * The notice shown last under each key, with what it said: a notice that says the same again is
 * kept in place, not built anew, so a screen reader does not hear it again at every report.
 */
const shown = new Map<string, { said: string; node: HTMLElement }>();

function kept(key: string, said: string, build: () => HTMLElement): HTMLElement {
  const last = shown.get(key);
  if (last?.said === said) return last.node;
  const node = build();
  shown.set(key, { said, node });
  return node;
}

export const notices: View = {
  id: "notices",
  watches: ["linkNote", "sources", "mode", "stale", "report", "lang"],
  mount() {},
  render(state) {
    const host = element("notices");
    const items: HTMLElement[] = [];
    const link = state.linkNote;
    if (link) {
      const words = tell(link.words);
      const dismiss = tr("Dismiss");
      const note = kept("link", JSON.stringify([link.mood, words, dismiss]), () => {
        const note = h("div", undefined, `notice ${link.mood === "error" ? "error" : "info"}`);
        note.id = "link-notice";
        note.setAttribute("role", "status");
        note.append(h("p", words), button(dismiss, dismissLinkNote));
        return note;
      });
      items.push(note);
    }
    const mix = mixedInputs(state);
    if (mix) {
      const words = tr("Mixed data: your {own} with the sample's {sample}. The results below mix your data with the sample's made-up journeys and answer nothing about your campaign: open your {sample} too, or go back to the sample.", {
        own: files(mix.own),
        sample: files(mix.sample),
      });
      const open = tr("Open my {sample}", { sample: files(mix.sample) });
      const sample = tr("Load the sample campaign");
      const note = kept("mixed", JSON.stringify([words, open, sample]), () => {
        const note = h("div", undefined, "notice warn");
        note.id = "mixed-notice";
        note.setAttribute("role", "alert");
        note.append(h("p", words), button(open, () => chooseView("data"), false), button(sample, () => void loadSample()));
        return note;
      });
      items.push(note);
    }
    // A notice is touched only when it comes, goes or says something else: one kept is never
    // taken out and put back, which would be heard again.
    for (const child of [...host.children]) if (!items.includes(child as HTMLElement)) child.remove();
    items.forEach((node, i) => {
      if (host.children[i] !== node) host.insertBefore(node, host.children[i] ?? null);
    });
    // Results that answer something else are dimmed and said to be.
    const panel = element("results-panel");
    panel.dataset.mixed = String(mix !== null && state.report !== null);
    const stale = element("stale-note");
    stale.hidden = !state.stale && !(mix && state.report);
    stale.textContent = state.stale
      ? tr("Dimmed: these results are from the last input that could be read, not from the input now shown.")
      : tr("Dimmed: these results mix your data with the sample's.");
  },
};
