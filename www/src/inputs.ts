// The page's inputs (creators, touchpoints, orders, paths, and a campaign's optional notes and
// spend) as the store keeps them. A large
// input is held rather than laid out (a browser lays out a 100 MB text area for over a minute,
// freezing the page): its text area shows only its first lines, read-only. A large file opened
// from disk stays a `File` here and its text lives only in the engine's worker, so it is never
// copied on the main thread.
import { countLines, firstLines } from "./format";
import type { HeldFile, HeldText, InputText, SentInputs } from "./protocol";

export const INPUT_NAMES = ["creators", "touchpoints", "orders", "paths", "notes", "spend"] as const;
export type InputName = (typeof INPUT_NAMES)[number];
/** The three files every campaign needs. */
export const CAMPAIGN_FILES = ["creators", "touchpoints", "orders"] as const;
/** The files a campaign may add: the notes creators published (fees, boosts) and what ads and search cost. */
export const OPTIONAL_FILES = ["notes", "spend"] as const;
export type OptionalFile = (typeof OPTIONAL_FILES)[number];
/** Every file a campaign is read from: the three it needs, then the optional ones. */
export const CAMPAIGN_INPUTS = [...CAMPAIGN_FILES, ...OPTIONAL_FILES] as const;

/** A campaign's files as the worker gets them: an optional file only when given. */
export type CampaignSent = SentInputs & { [file in OptionalFile]?: InputText };

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

/** Whether an input holds nothing (an optional file not given, or removed). */
export function isEmpty(input: Input): boolean {
  return typeof input.value === "string" && input.value.trim() === "";
}

/** The campaign's inputs as the engine takes them: the three files, and each optional one given. */
export function sentInputs(inputs: Record<InputName, Input>): CampaignSent {
  const sent: CampaignSent = { creators: inputs.creators.value, touchpoints: inputs.touchpoints.value, orders: inputs.orders.value };
  for (const file of OPTIONAL_FILES) if (!isEmpty(inputs[file])) sent[file] = inputs[file].value;
  return sent;
}

/** Whether two sent campaigns are the same files (an object compared by identity: a held file, or text). */
export function sameInputs(a: CampaignSent, b: CampaignSent): boolean {
  return CAMPAIGN_INPUTS.every((file) => a[file] === b[file]);
}

/** What is kept in the browser for an input: its text, or its file. */
export function savedInput(input: Input): string | Blob {
  return typeof input.value === "string" ? input.value : input.value.blob;
}
