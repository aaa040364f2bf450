// The npm package as a user gets it: `npm pack`, installed into a fresh project, then used from
// Node (the API and the CLI) and from a bundler (Vite builds an app that imports it).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openPage, startBrowser } from "./browser.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
let dir;
let project;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "kol-package-"));
  // Built already by the test command; --ignore-scripts skips prepack's rebuild. --prefer-offline,
  // not --offline: a fresh machine's npm cache has the lockfile's tarballs but not the registry's
  // metadata that resolving the package's own dependency ranges needs.
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" }));
  project = join(dir, "consumer");
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", join(dir, packed[0].filename)], { cwd: project, stdio: "pipe" });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("the packed package holds the engine, the CLI, the element and the SQL, and nothing from the repository's insides", () => {
  const installed = join(project, "node_modules", "kol-attribution");
  for (const file of ["lib/node.js", "lib/index.d.ts", "www/pkg/kol_attribution_bg.wasm", "www/dist/kol-attribution-calculator.js", "bin/kol-attribution.mjs", "sql/paths.sql"]) {
    assert.ok(existsSync(join(installed, file)), file);
  }
  for (const inside of ["src", "tests", "target", "scripts", "Cargo.toml"]) assert.ok(!existsSync(join(installed, inside)), inside);
});

test("in Node: import and call, no init needed; the bin runs", () => {
  writeFileSync(
    join(project, "run.mjs"),
    `import init, { sampleCampaign, campaignReport, moneyReport, budgetPlan, version } from "kol-attribution";
await init();
const { inputs } = sampleCampaign({ journeys: 500, creators: 12, seed: 3 });
const report = campaignReport(inputs, { windows: [30], models: ["last_touch", "linear"], intervals: { resamples: 0 } });
const plan = budgetPlan(report, moneyReport(inputs, {}), {});
console.log(JSON.stringify({ version: version(), orders: report.summary.orders, tiers: report.windows[0].tiers.channels, plans: plan.plans.length }));
`,
  );
  const out = JSON.parse(execFileSync("node", ["run.mjs"], { cwd: project, encoding: "utf8" }));
  const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
  assert.equal(out.version, version);
  assert.ok(out.orders > 0);
  assert.deepEqual(out.tiers, ["mega", "mid-tier", "micro", "KOC"]);
  assert.equal(out.plans, 4);
  assert.equal(execFileSync(join(project, "node_modules", ".bin", "kol-attribution"), ["--version"], { encoding: "utf8" }).trim(), version);
  // A bad call is a clear JS error, not a crash.
  writeFileSync(join(project, "bad.mjs"), `import { comparePaths } from "kol-attribution";\ntry { comparePaths("path,total_conversions\\nA,x\\n"); } catch (e) { console.log(e.name, e.problems[0].line); }\n`);
  assert.equal(execFileSync("node", ["bad.mjs"], { cwd: project, encoding: "utf8" }).trim(), "KolAttributionError 2");
});

/** Serves `root`/dist and waits for the test app to set its title to the conversions it computed. */
async function runsInChromium(root) {
  const env = await startBrowser(root);
  try {
    const { page, errors } = await openPage(env.browser, env.url);
    await page.waitForFunction(() => document.title === "2");
    assert.deepEqual(errors, []);
  } finally {
    await env.close();
  }
}

test("in a bundler: Vite builds an app that imports the package, and it runs in Chromium", async () => {
  writeFileSync(join(project, "index.html"), `<!doctype html><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>`);
  writeFileSync(
    join(project, "main.js"),
    `import init, { comparePaths } from "kol-attribution";\nawait init();\ndocument.title = comparePaths("path,total_conversions\\nA > B,2\\n").totals.conversions;\n`,
  );
  execFileSync(join(ROOT, "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], { cwd: project, stdio: "pipe" });
  const assets = readdirSync(join(project, "dist", "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), assets.join(", "));
  await runsInChromium(project);
});

test("in webpack 5: the same app builds, emits the wasm as an asset, and runs in Chromium", async () => {
  const app = join(project, "wp");
  execFileSync("mkdir", ["-p", join(app, "dist")]);
  writeFileSync(
    join(project, "webpack.config.js"),
    `export default { mode: "production", performance: { hints: false }, entry: "./main.js", output: { path: ${JSON.stringify(join(app, "dist"))}, filename: "main.js", publicPath: "auto" } };\n`,
  );
  execFileSync(join(ROOT, "node_modules", ".bin", "webpack"), ["--config", "webpack.config.js"], { cwd: project, stdio: "pipe" });
  assert.ok(readdirSync(join(app, "dist")).some((f) => f.endsWith(".wasm")));
  writeFileSync(join(app, "dist", "index.html"), `<!doctype html><link rel="icon" href="data:,"><script src="./main.js"></script>`);
  await runsInChromium(app);
});
