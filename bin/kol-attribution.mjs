#!/usr/bin/env node
// The kol-attribution executable. The CLI is TypeScript (bin/src), compiled into bin/dist by
// `npm run build`; this launcher only runs it, or says how to build it (exit 2).
import { existsSync } from "node:fs";

const entry = new URL("./dist/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("kol-attribution: the CLI is not built; run `npm run build` first\n");
  process.exit(2);
}
await import(entry.href);
