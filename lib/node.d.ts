export * from "../www/pkg/kol_attribution.js";
/** Already done on import in Node; resolves at once. */
export default function init(): Promise<void>;
