import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Plugin, defineConfig } from "vite";

/**
 * Writes `sw.js`, the service worker that keeps the page working offline, with the list of every
 * file this build emitted and a cache name that changes whenever any of them does.
 */
function offlineServiceWorker(): Plugin {
  return {
    name: "kol-offline-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = ["./", ...Object.keys(bundle).filter((name) => !name.endsWith(".map")).map((name) => `./${name}`)];
      const hash = createHash("sha256");
      for (const item of Object.values(bundle)) hash.update(item.type === "chunk" ? item.code : item.source);
      const template = readFileSync(fileURLToPath(new URL("service-worker.js", import.meta.url)), "utf8");
      const source = template.replace("__VERSION__", hash.digest("hex").slice(0, 12)).replace("__FILES__", JSON.stringify(files));
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}

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
  plugins: [offlineServiceWorker()],
});
