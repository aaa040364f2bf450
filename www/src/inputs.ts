// The page's four inputs (creators, touchpoints, orders, paths). A large input is held rather than
// laid out (a browser lays out a 100 MB text area for over a minute, freezing the page): its text
// area shows only its first lines, read-only. A large file opened from disk stays a `File` here
// and its text lives only in the engine's worker, so it is never copied on the main thread.
// Everything that reads an input asks `inputText`.
import { countLines, firstLines } from "./format";
import { tr } from "./i18n";
import { element } from "./dom";
import type { HeldFile, HeldText, InputText } from "./protocol";

export const areas = {
  creators: element<HTMLTextAreaElement>("creators-input"),
  touchpoints: element<HTMLTextAreaElement>("touchpoints-input"),
  orders: element<HTMLTextAreaElement>("orders-input"),
  paths: element<HTMLTextAreaElement>("paths-input"),
};

export type InputName = keyof typeof areas;

/** Past this many characters (or bytes of a file) an input is held rather than shown. */
export const HELD_CHARS = 1_000_000;
export const PREVIEW_LINES = 200;

interface Held {
  input: InputText;
  lines: number;
  preview: string;
}
const held: Partial<Record<InputName, Held>> = {};
let nextHeld = 1;

/** An input as the engine takes it: its text, or the file the worker holds. */
export function inputText(file: InputName): InputText {
  return held[file]?.input ?? areas[file].value;
}

/** What is kept in the browser for an input: its text, or its file. */
export function savedInput(file: InputName): string | Blob {
  const input = inputText(file);
  return typeof input === "string" ? input : input.blob;
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
  held[file] = { input: text, lines: countLines(text), preview: firstLines(text, PREVIEW_LINES) };
  showHeld(file);
}

/** A new held file for `file`: the page keeps `blob`, the worker will decode and keep its text. */
export function heldFile(file: InputName, blob: Blob): HeldFile {
  return { id: nextHeld++, blob, file };
}

/** Holds a file the worker has decoded, showing what it said of it. */
export function holdInput(file: InputName, input: HeldFile, shown: HeldText): void {
  held[file] = { input, lines: shown.lines, preview: shown.preview };
  showHeld(file);
}

function showHeld(file: InputName): void {
  const area = areas[file];
  const { lines, preview } = held[file] ?? { lines: 0, preview: "" };
  const notice = tr("… {count} lines in all; only the first {shown} are shown, and the whole file is used. Open another file to replace it.", {
    count: lines.toLocaleString("en-US"),
    shown: PREVIEW_LINES,
  });
  area.value = `${preview}\n${notice}`;
  area.readOnly = true;
  area.classList.add("held");
}

/** Says the held inputs' notices again, in the language now chosen. */
export function relabelHeld(): void {
  for (const file of Object.keys(held) as InputName[]) showHeld(file);
}
