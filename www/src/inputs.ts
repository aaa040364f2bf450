// The page's four inputs (creators, touchpoints, orders, paths) as the store keeps them. A large
// input is held rather than laid out (a browser lays out a 100 MB text area for over a minute,
// freezing the page): its text area shows only its first lines, read-only. A large file opened
// from disk stays a `File` here and its text lives only in the engine's worker, so it is never
// copied on the main thread.
import { countLines, firstLines } from "./format";
import type { HeldFile, HeldText, InputText, SentInputs } from "./protocol";

export const INPUT_NAMES = ["creators", "touchpoints", "orders", "paths"] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export const CAMPAIGN_FILES = ["creators", "touchpoints", "orders"] as const;

/** Past this many characters (or bytes of a file) an input is held rather than shown. */
export const HELD_CHARS = 1_000_000;
export const PREVIEW_LINES = 200;

/**
 * Where an input came from: a file (its name and encoding), the sample, a paste that replaced it,
 * or the keyboard (null). Editing the sample keeps it the sample's; replacing it whole does not.
 */
export type Source = { name: string; encoding: string } | "sample" | "pasted" | null;

export interface Input {
  /** What the engine reads: the text, or the file the worker holds. */
  value: InputText;
  /** A held input's line count and first lines, which its text area shows; null when shown whole. */
  held: { lines: number; preview: string } | null;
}

/** `text` as an input: shown whole when small, held (with a preview) when large. */
export function textInput(text: string): Input {
  const held = text.length <= HELD_CHARS ? null : { lines: countLines(text), preview: firstLines(text, PREVIEW_LINES) };
  return { value: text, held };
}

let nextHeld = 1;

/** A new held file for `file`: the page keeps `blob`, the worker will decode and keep its text. */
export function heldFile(file: InputName, blob: Blob): HeldFile {
  return { id: nextHeld++, blob, file };
}

/** A file the worker has decoded and holds, as an input showing what it said of it. */
export function heldInput(held: HeldFile, shown: HeldText): Input {
  return { value: held, held: { lines: shown.lines, preview: shown.preview } };
}

/** The campaign's three inputs as the engine takes them. */
export function sentInputs(inputs: Record<InputName, Input>): SentInputs {
  return { creators: inputs.creators.value, touchpoints: inputs.touchpoints.value, orders: inputs.orders.value };
}

/** What is kept in the browser for an input: its text, or its file. */
export function savedInput(input: Input): string | Blob {
  return typeof input.value === "string" ? input.value : input.value.blob;
}
