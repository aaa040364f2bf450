// The engine for Node: the wasm is read from the package and instantiated on import, so every
// export is ready at once; init() is kept (a no-op) so code written for browsers runs unchanged.
import { readFileSync } from "node:fs";
import { initSync } from "../www/pkg/kol_attribution.js";

initSync({ module: readFileSync(new URL("../www/pkg/kol_attribution_bg.wasm", import.meta.url)) });

export * from "../www/pkg/kol_attribution.js";

export default async function init() {}
