import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Relative base: the built page works from any folder of any static host.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      // The page, and the embeddable element under a stable name agencies can point a script tag at.
      input: { main: fileURLToPath(new URL("index.html", import.meta.url)), component: fileURLToPath(new URL("src/component.ts", import.meta.url)) },
      output: { entryFileNames: (chunk) => (chunk.name === "component" ? "kol-attribution-calculator.js" : "assets/[name]-[hash].js") },
    },
  },
  worker: { format: "es" },
});
