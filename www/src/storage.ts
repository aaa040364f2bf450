// Nothing typed is lost: the inputs and settings are kept in this browser (IndexedDB, which holds
// files far larger than localStorage) and restored on the next visit. Nothing leaves the browser.
import type { BudgetMethod, BudgetOptions, ColumnOverrides } from "../pkg/kol_attribution.js";
import type { Lang } from "./i18n";
import type { LiftDraft } from "./lift";
import type { ModelSettings } from "./model-settings";
import type { CheckChoice } from "./page-state";
import type { CreatorView } from "./render/creator-table";

/** Everything the page restores. */
export interface SavedState {
  mode: "campaign" | "paths";
  /** Each input's text, or the large file it was opened from (IndexedDB keeps files as files). */
  inputs: { creators: string | Blob; touchpoints: string | Blob; orders: string | Blob; paths: string | Blob; notes: string | Blob; spend: string | Blob };
  separator: string;
  days: number;
  customDays: number | null;
  level: "tier" | "creator";
  tier: string;
  method: BudgetMethod;
  budget: BudgetOptions;
  /** The page's language; absent in states saved before the switch existed. */
  lang?: Lang;
  /** How the creator table was sorted and filtered. */
  creators?: CreatorView;
  /** The settings panel (models, parameters, commission, tiers); checked again when restored. */
  settings?: ModelSettings;
  /** The columns the user mapped; checked again when restored. */
  columns?: ColumnOverrides;
  /** Where each input came from (a file's name, the sample, a paste); checked again when restored. */
  sources?: Record<string, unknown>;
  /** The lift tests as typed; checked again when restored. */
  liftTests?: LiftDraft[];
  /** The model check's folds and models; checked again when restored. */
  check?: CheckChoice;
}

const DATABASE = "kol-attribution";
const STORE = "state";
const KEY = "page";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB is not available"));
  });
}

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = act(transaction.objectStore(STORE));
        transaction.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        transaction.onerror = () => {
          db.close();
          reject(transaction.error ?? new Error("the browser refused to store the data"));
        };
      }),
  );
}

type InputFile = keyof SavedState["inputs"];
const INPUT_FILES: InputFile[] = ["creators", "touchpoints", "orders", "paths", "notes", "spend"];
/** Inputs a state saved before they existed lacks: read as not given. */
const OPTIONAL: readonly InputFile[] = ["notes", "spend"];

/**
 * Each input is stored under its own key and written only when it changed: storing copies the
 * value on the page's main thread, and a million journeys are 136 MB that a changed setting
 * should not copy again. `written` holds what this page last stored (or restored) per input.
 */
const written: Partial<Record<InputFile, string | Blob>> = {};

/** The state saved by the last visit, if any (and if this browser keeps storage at all). */
export async function loadState(): Promise<SavedState | null> {
  try {
    const [saved, ...texts] = await Promise.all([
      run<unknown>("readonly", (store) => store.get(KEY)),
      ...INPUT_FILES.map((file) => run<unknown>("readonly", (store) => store.get(`input:${file}`))),
    ]);
    // States saved before the inputs had keys of their own carry them inline; those are written
    // to their keys by the next save.
    const inline = typeof saved === "object" && saved !== null && "inputs" in saved;
    const whole = inline ? saved : { ...(saved as object), inputs: Object.fromEntries(INPUT_FILES.map((file, i) => [file, texts[i]])) };
    const inputs = (whole as { inputs?: Record<string, unknown> }).inputs;
    if (typeof inputs === "object" && inputs !== null) for (const file of OPTIONAL) inputs[file] ??= "";
    if (!isSaved(whole)) return null;
    if (!inline) for (const file of INPUT_FILES) written[file] = whole.inputs[file];
    return whole;
  } catch {
    return null;
  }
}

/** Saves the state; the returned promise rejects with the browser's reason (e.g. storage full). */
export async function saveState(state: SavedState): Promise<void> {
  const { inputs, ...rest } = state;
  const changed = INPUT_FILES.filter((file) => written[file] !== inputs[file]);
  await run("readwrite", (store) => {
    for (const file of changed) store.put(inputs[file], `input:${file}`);
    return store.put(rest, KEY);
  });
  for (const file of changed) written[file] = inputs[file];
}

/** Forgets the saved state. */
export async function clearState(): Promise<void> {
  await run("readwrite", (store) => {
    for (const file of INPUT_FILES) store.delete(`input:${file}`);
    return store.delete(KEY);
  });
  for (const file of INPUT_FILES) delete written[file];
}

/** A saved value from an older or foreign version is ignored rather than half-applied. */
function isSaved(value: unknown): value is SavedState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<SavedState>;
  const inputs = v.inputs as Partial<SavedState["inputs"]> | undefined;
  return (
    (v.mode === "campaign" || v.mode === "paths") &&
    inputs !== undefined &&
    INPUT_FILES.every((k) => typeof inputs[k] === "string" || inputs[k] instanceof Blob) &&
    typeof v.separator === "string" &&
    typeof v.days === "number" &&
    (v.level === "tier" || v.level === "creator") &&
    typeof v.tier === "string" &&
    (v.method === "follow_credit" || v.method === "marginal_return") &&
    typeof v.budget === "object" &&
    v.budget !== null
  );
}
