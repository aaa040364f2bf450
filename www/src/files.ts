// Inputs from outside the keyboard: files opened with a picker, the generated sample, files kept
// by the browser from the last visit. The engine decodes every file (UTF-8, UTF-16, GBK); a large
// one is read and kept by the worker alone, the page keeping the `File` and a preview.
import { EngineError, SAMPLE } from "./engine";
import { phrase, verbatim } from "./i18n";
import { HELD_CHARS, type Input, type InputName, PREVIEW_LINES, heldFile, heldInput, textInput } from "./inputs";
import { engine } from "./page-engine";
import { recomputeNow } from "./recompute";
import * as store from "./store";

/**
 * The largest file the page opens. The engine is 32-bit WebAssembly (4 GB at most) and a million
 * journeys (136 MB of CSV) already take about 620 MB while computing, so a bigger file would fail
 * halfway; it is refused before a byte is read, with what to do instead.
 */
const MAX_FILE_BYTES = 400 * 1024 * 1024;

/** Has the worker read and keep `blob` as `file`; the input shows its first lines. */
async function holdBlob(file: InputName, blob: Blob): Promise<{ input: Input; encoding: string }> {
  const held = heldFile(file, blob);
  const { result } = await engine.call("holdFile", { held, previewLines: PREVIEW_LINES });
  return { input: heldInput(held, result), encoding: result.encoding };
}

/**
 * Opens a file chosen for `file`. Files opened together arrive together: the store's change
 * waits for the recompute's pause, so they are computed once, not once each.
 */
export async function openFile(file: InputName, chosen: File): Promise<void> {
  if (chosen.size > MAX_FILE_BYTES) {
    const size = (chosen.size / 1024 / 1024).toFixed(0);
    store.showProblems(
      [],
      phrase(
        "{file} is {size} MB, more than this browser tab can work with ({limit} MB per file); nothing was read and your current data is unchanged. Aggregate the journeys to paths first (kol-attribution sql in your warehouse, or kol-attribution paths) and open the paths file here, or run the whole campaign with the command-line tool (kol-attribution compare --kols … --touchpoints … --orders …).",
        { file: chosen.name, size, limit: MAX_FILE_BYTES / 1024 / 1024 },
      ),
    );
    return;
  }
  try {
    if (chosen.size > HELD_CHARS) {
      const { input, encoding } = await holdBlob(file, chosen);
      store.setInput(file, input, { name: chosen.name, encoding });
    } else {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const { result } = await engine.call("decodeFile", { bytes, file });
      store.setInput(file, textInput(result.text), { name: chosen.name, encoding: result.encoding });
    }
  } catch (error) {
    store.forgetSource(file);
    if (error instanceof EngineError) store.showProblems(error.problems, verbatim(error.message));
  }
}

/** The generated sample campaign, computed at once. */
export async function loadSample(): Promise<void> {
  const { result } = await engine.call("sampleCampaign", { options: SAMPLE });
  store.useSample(result);
  await recomputeNow();
}

/** A kept input put back: text as it was, a large file held by the worker again, or why that file cannot be opened again. */
export async function restoreInput(file: InputName, saved: string | Blob): Promise<Input | EngineError> {
  if (typeof saved === "string") return textInput(saved);
  try {
    return (await holdBlob(file, saved)).input;
  } catch (error) {
    // The stored file stays stored; the caller says why it could not be opened.
    return error instanceof EngineError ? error : new EngineError({ message: String(error), problems: [], option: null, internal: false });
  }
}

/**
 * Shows the line a problem points to: selected in its text area, or, past a held file's preview,
 * read from the worker and shown beside it.
 */
export async function showProblemLine(file: InputName, line: number, select: () => void): Promise<void> {
  const input = store.page().inputs[file];
  if (!input.held || line <= PREVIEW_LINES) {
    store.chooseView("data");
    select();
    return;
  }
  try {
    const { result } = await engine.call("lineText", { input: input.value, line });
    store.showLine({ file, line, text: result ?? "" });
  } catch (error) {
    if (error instanceof EngineError) store.showProblems(error.problems, verbatim(error.message));
  }
}
