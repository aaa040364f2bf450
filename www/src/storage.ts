// Nothing typed is lost: the inputs and settings are kept in this browser (IndexedDB, which holds
// files far larger than localStorage) and restored on the next visit. Nothing leaves the browser.
import type { BudgetMethod, BudgetOptions } from "../pkg/kol_attribution.js";
import type { Lang } from "./i18n";
import type { CreatorView } from "./creator-table";
import type { ModelSettings } from "./settings";

/** Everything the page restores. */
export interface SavedState {
  mode: "campaign" | "paths";
  inputs: { creators: string; touchpoints: string; orders: string; paths: string };
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

/** The state saved by the last visit, if any (and if this browser keeps storage at all). */
export async function loadState(): Promise<SavedState | null> {
  try {
    const saved = await run<unknown>("readonly", (store) => store.get(KEY));
    return isSaved(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** Saves the state; the returned promise rejects with the browser's reason (e.g. storage full). */
export async function saveState(state: SavedState): Promise<void> {
  await run("readwrite", (store) => store.put(state, KEY));
}

/** Forgets the saved state. */
export async function clearState(): Promise<void> {
  await run("readwrite", (store) => store.delete(KEY));
}

/** A saved value from an older or foreign version is ignored rather than half-applied. */
function isSaved(value: unknown): value is SavedState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<SavedState>;
  const inputs = v.inputs as Partial<SavedState["inputs"]> | undefined;
  return (
    (v.mode === "campaign" || v.mode === "paths") &&
    inputs !== undefined &&
    ["creators", "touchpoints", "orders", "paths"].every((k) => typeof inputs[k as keyof SavedState["inputs"]] === "string") &&
    typeof v.separator === "string" &&
    typeof v.days === "number" &&
    (v.level === "tier" || v.level === "creator") &&
    typeof v.tier === "string" &&
    (v.method === "follow_credit" || v.method === "marginal_return") &&
    typeof v.budget === "object" &&
    v.budget !== null
  );
}
