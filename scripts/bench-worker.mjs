// The benchmark in Chromium: the engine in a module worker, as the page runs it.
import init, * as wasm from "./kol_attribution.js";
import { runPhases } from "./bench-phases.mjs";

self.addEventListener("message", async (event) => {
  const { sizes, bootstrapUpTo, only } = event.data;
  const exports = await init({ module_or_path: "./kol_attribution_bg.wasm" });
  for (const size of sizes) {
    runPhases(wasm, size, { bootstrap: size.journeys <= bootstrapUpTo, only, report: (row) => self.postMessage({ row }) });
    self.postMessage({ memory: { ...size, bytes: exports.memory.buffer.byteLength } });
  }
  self.postMessage({ done: true });
});
