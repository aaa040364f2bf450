// The page's four inputs (creators, touchpoints, orders, paths). A large file is held in memory
// and its text area shows only its first lines, read-only: a browser lays out a 100 MB text area
// for over a minute, freezing the page. Everything that reads an input asks `inputText`.
import { element } from "./dom";
import { tr } from "./i18n";

export const areas = {
  creators: element<HTMLTextAreaElement>("creators-input"),
  touchpoints: element<HTMLTextAreaElement>("touchpoints-input"),
  orders: element<HTMLTextAreaElement>("orders-input"),
  paths: element<HTMLTextAreaElement>("paths-input"),
};

export type InputName = keyof typeof areas;

/** Past this many characters an input is held rather than shown. */
const HELD_CHARS = 1_000_000;
const PREVIEW_LINES = 200;
const held: Partial<Record<InputName, string>> = {};

/** An input's whole text, whether it is shown in full or held. */
export function inputText(file: InputName): string {
  return held[file] ?? areas[file].value;
}

/** Puts `text` into an input: in its text area when small, held (with a preview) when large. */
export function setInput(file: InputName, text: string): void {
  const area = areas[file];
  if (text.length <= HELD_CHARS) {
    delete held[file];
    area.readOnly = false;
    area.classList.remove("held");
    area.value = text;
    return;
  }
  held[file] = text;
  let end = 0;
  for (let line = 0; line < PREVIEW_LINES && end !== -1; line++) end = text.indexOf("\n", end + 1);
  const lines = (text.match(/\n/g)?.length ?? 0) + (text.endsWith("\n") ? 0 : 1);
  const notice = tr("… {count} lines in all; only the first {shown} are shown, and the whole file is used. Open another file to replace it.", {
    count: lines.toLocaleString("en-US"),
    shown: PREVIEW_LINES,
  });
  area.value = `${text.slice(0, end === -1 ? text.length : end)}\n${notice}`;
  area.readOnly = true;
  area.classList.add("held");
}

/** Says the held inputs' notices again, in the language now chosen. */
export function relabelHeld(): void {
  for (const [file, text] of Object.entries(held) as [InputName, string][]) setInput(file, text);
}
