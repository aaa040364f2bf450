#!/usr/bin/env node
// Prints engine figures: shipped wasm size (raw, gzip) and comparePaths time in Node (wasm) over
// seeded synthetic paths files. Median of several runs. Usage: npm run bench [-- ROWS...]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const pkg = new URL("../www/pkg/", import.meta.url);
const wasmBytes = readFileSync(new URL("kol_attribution_bg.wasm", pkg));
const wasm = await import(new URL("kol_attribution.js", pkg).href);
wasm.initSync({ module: wasmBytes });

/** A seeded paths file: `rows` distinct-ish paths of 1–6 touches over `channels` creators. */
function pathsFile(rows, channels, seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const lines = ["path,total_conversions,total_conversion_value,total_null"];
  for (let i = 0; i < rows; i++) {
    const touches = 1 + Math.floor(next() * 6);
    const path = Array.from({ length: touches }, () => `kol_${Math.floor(next() * channels)}`).join(" > ");
    const conversions = Math.floor(next() * 5);
    const value = (conversions * (50 + next() * 500)).toFixed(2);
    lines.push(`${path},${conversions},${value},${Math.floor(next() * 40)}`);
  }
  return lines.join("\n");
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const rowsList = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = rowsList.length ? rowsList : [10_000, 100_000];
console.log(`wasm: ${wasmBytes.length} bytes raw, ${gzipSync(wasmBytes, { level: 9 }).length} bytes gzip`);
console.log(`node ${process.version}, ${process.arch}`);
console.log("| paths rows | touches | CSV MB | comparePaths (4 models), median ms | runs |");
console.log("|---:|---:|---:|---:|---:|");
for (const rows of sizes) {
  const text = pathsFile(rows, 200, 42);
  const touches = text.split(" > ").length + rows - 1;
  const runs = rows >= 500_000 ? 3 : 7;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    wasm.comparePaths(text, { models: ["first_touch", "last_touch", "linear", "position_based"] });
    times.push(performance.now() - started);
  }
  const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
  console.log(`| ${rows.toLocaleString("en-US")} | ${touches.toLocaleString("en-US")} | ${mb} | ${median(times).toFixed(1)} | ${runs} |`);
}
