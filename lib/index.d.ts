export * from "../www/pkg/kol_attribution.js";
export { default } from "../www/pkg/kol_attribution.js";
