// The campaign data: the two input formats as tabs, the text areas with their file pickers (the
// campaign's three files, its optional notes and spend, each with Remove, and the paths file),
// the paths separator and the sample. A held input shows its first lines, read-only. A paste is
// taken from the clipboard before the browser lays it out (a browser's own paste of a megabyte
// into a text area froze the tab for over ten seconds): a large one is held like a file, and any
// paste or typing over the whole text makes the input the user's own, no longer the sample's.
import { element, h } from "../dom";
import { tr } from "../i18n";
import { HELD_CHARS, INPUT_NAMES, type Input, type InputName, OPTIONAL_FILES, PREVIEW_LINES, type Source, isEmpty, textInput } from "../inputs";
import { loadSample, openFile } from "../files";
import { type Mode, page, pasteInput, removeInput, setMode, setSeparator, typeInput } from "../store";
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

/** Where an input came from: its file and encoding, the sample, or a paste. */
function sourceText(source: Source): string {
  return source === "sample" ? tr("sample") : source === "pasted" ? tr("pasted") : source ? `${source.name} · ${source.encoding.toUpperCase()}` : "";
}

/** Whether an edit about to happen replaces the whole text (all of it selected, or none there). */
function replacesAll(area: HTMLTextAreaElement): boolean {
  return area.value === "" || (area.selectionStart === 0 && area.selectionEnd === area.value.length);
}

/**
 * Takes a paste from the clipboard: a large one is held (its first lines shown, read-only), one
 * over the whole text (or over a held file) replaces it; any other is inserted where the caret
 * is. The browser never inserts it itself.
 */
function paste(name: InputName, area: HTMLTextAreaElement, event: ClipboardEvent): void {
  const text = event.clipboardData?.getData("text/plain");
  if (text === undefined) return;
  event.preventDefault();
  // A held file's preview cannot be edited: a paste there replaces the file.
  const whole = area.readOnly || replacesAll(area);
  const next = whole ? text : `${area.value.slice(0, area.selectionStart)}${text}${area.value.slice(area.selectionEnd)}`;
  if (whole || next.length > HELD_CHARS) {
    pasteInput(name, textInput(next));
    return;
  }
  const caret = area.selectionStart + text.length;
  area.value = next;
  area.setSelectionRange(caret, caret);
  typeInput(name, next);
}

/** The line a problem pointed to in a held file, past the lines shown. */
function drawLine(shown: NonNullable<ReturnType<typeof page>["lineShown"]>): void {
  const view = element("line-view");
  const code = h("code", shown.text);
  view.replaceChildren(h("span", tr("{file} line {line}, beyond the first {shown} lines shown:", { file: shown.file, line: shown.line.toLocaleString("en-US"), shown: PREVIEW_LINES })), " ", code);
  view.hidden = false;
  view.tabIndex = -1;
  view.scrollIntoView({ block: "nearest" });
  view.focus();
}

export const inputs: View = {
  id: "inputs",
  tab: "data",
  watches: ["mode", "inputs", "sources", "separator", "lineShown", "lang"],
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
      const text = area(name);
      // Typing or dropping text over the whole input replaces it: it is no longer the sample's.
      let replacing = false;
      text.addEventListener("beforeinput", () => {
        replacing = replacesAll(text);
      });
      text.addEventListener("input", () => {
        typeInput(name, text.value, replacing);
        replacing = false;
      });
      text.addEventListener("paste", (event) => paste(name, text, event));
      const picker = element<HTMLInputElement>(`${name}-file`);
      picker.addEventListener("change", () => {
        const chosen = picker.files?.[0];
        picker.value = "";
        if (chosen) void openFile(name, chosen);
      });
    }
    for (const name of OPTIONAL_FILES) element(`${name}-remove`).addEventListener("click", () => removeInput(name));
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
    for (const name of OPTIONAL_FILES) element(`${name}-remove`).hidden = isEmpty(state.inputs[name]);
    const separator = element<HTMLInputElement>("separator");
    if (separator.value !== state.separator) separator.value = state.separator;
    if (state.lineShown) drawLine(state.lineShown);
    else element("line-view").hidden = true;
  },
};
