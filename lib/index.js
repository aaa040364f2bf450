// The engine for browsers and bundlers (Vite, webpack): call `await init()` once, then any export.
// init() fetches kol_attribution_bg.wasm next to the glue; bundlers emit it as an asset.
export * from "../www/pkg/kol_attribution.js";
export { default } from "../www/pkg/kol_attribution.js";
