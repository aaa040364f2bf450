import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Relative base: the built page works from any folder of any static host.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  worker: { format: "es" },
});
