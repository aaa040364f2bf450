// The campaign data: the two input formats as tabs, the four text areas with their file pickers,
// the paths separator and the sample. A held input shows its first lines, read-only.
import { element } from "../dom";
import { tr } from "../i18n";
import { INPUT_NAMES, type Input, type InputName, PREVIEW_LINES, type Source } from "../inputs";
import { loadSample, openFile } from "../files";
import { type Mode, page, setMode, setSeparator, typeInput } from "../store";
import type { View } from "./view";

const MODES: Mode[] = ["campaign", "paths"];
const area = (name: InputName): HTMLTextAreaElement => element<HTMLTextAreaElement>(`${name}-input`);

/** What each text area shows now, so only a changed input (or a new language) redraws it. */
const drawn = new Map<InputName, { input: Input; lang: string }>();

function draw(name: InputName, input: Input, lang: string): void {
  const text = area(name);
  if (input.held) {
    const notice = tr("… {count} lines in all; only the first {shown} are shown, and the whole file is used. Open another file to replace it.", {
      count: input.held.lines.toLocaleString("en-US"),
      shown: PREVIEW_LINES,
    });
    text.value = `${input.held.preview}\n${notice}`;
    text.readOnly = true;
    text.classList.add("held");
  } else {
    // Typed text is already there: writing it again would move the caret.
    if (typeof input.value === "string" && text.value !== input.value) text.value = input.value;
    text.readOnly = false;
    text.classList.remove("held");
  }
  drawn.set(name, { input, lang });
}

/** Where an input came from: its file and encoding, or the sample. */
function sourceText(source: Source): string {
  return source === "sample" ? tr("sample") : source ? `${source.name} · ${source.encoding.toUpperCase()}` : "";
}

export const inputs: View = {
  id: "inputs",
  watches: ["mode", "inputs", "sources", "separator", "lang"],
  mount() {
    for (const mode of MODES) element(`tab-${mode}`).addEventListener("click", () => setMode(mode));
    // Tabs as the WAI-ARIA pattern has them: only the chosen tab is in the Tab order, arrows move.
    element("tab-campaign").parentElement?.addEventListener("keydown", (event) => {
      if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
      event.preventDefault();
      const next = event.key === "Home" ? "campaign" : event.key === "End" ? "paths" : page().mode === "campaign" ? "paths" : "campaign";
      const tab = element(`tab-${next}`);
      tab.click();
      tab.focus();
    });
    for (const name of INPUT_NAMES) {
      area(name).addEventListener("input", () => typeInput(name, area(name).value));
      const picker = element<HTMLInputElement>(`${name}-file`);
      picker.addEventListener("change", () => {
        const chosen = picker.files?.[0];
        picker.value = "";
        if (chosen) void openFile(name, chosen);
      });
    }
    const separator = element<HTMLInputElement>("separator");
    separator.addEventListener("input", () => setSeparator(separator.value));
    element("load-sample").addEventListener("click", () => void loadSample());
  },
  render(state) {
    for (const mode of MODES) {
      const selected = state.mode === mode;
      const tab = element(`tab-${mode}`);
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      element(`${mode}-panel`).hidden = !selected;
    }
    for (const name of INPUT_NAMES) {
      const last = drawn.get(name);
      if (last?.input !== state.inputs[name] || last.lang !== state.lang) draw(name, state.inputs[name], state.lang);
      element(`${name}-meta`).textContent = sourceText(state.sources[name]);
    }
    const separator = element<HTMLInputElement>("separator");
    if (separator.value !== state.separator) separator.value = state.separator;
  },
};
