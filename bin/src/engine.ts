// The wasm engine, loaded once: the same module and result objects as the page.
import { readFileSync } from "node:fs";
import { UsageError } from "./errors.js";

export type Engine = typeof import("../../www/pkg/kol_attribution.js");

const PKG = new URL("../../www/pkg/", import.meta.url);
let loaded: Engine | undefined;

/** The engine, instantiated on first use; a missing build is a usage error, not a crash. */
export async function engine(): Promise<Engine> {
  if (loaded) return loaded;
  let bytes: Buffer;
  try {
    bytes = readFileSync(new URL("kol_attribution_bg.wasm", PKG));
  } catch {
    throw new UsageError("the engine is not built; run `npm run build` first");
  }
  const module = (await import(new URL("kol_attribution.js", PKG).href)) as Engine;
  module.initSync({ module: bytes });
  loaded = module;
  return module;
}
