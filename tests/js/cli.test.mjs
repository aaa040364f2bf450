// The CLI runs the same wasm as the page; these run the real binary as a user would.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const CLI = new URL("../../bin/kol-attribution.mjs", import.meta.url).pathname;
const fixture = (name) => new URL(`../fixtures/paths/${name}`, import.meta.url).pathname;

function run(args, input) {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("compare prints the result object as JSON, with the hand-computed credits", () => {
  const { code, stdout, stderr } = run(["compare", "--paths", fixture("golden.csv")]);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout);
  assert.deepEqual(result.models, ["first_touch", "last_touch", "linear"]);
  assert.equal(result.totals.value, "150.00");
  const linearA = result.credits.find((c) => c.model === "linear" && c.channel === "A");
  assert.equal(linearA.conversions, 2.5);
  assert.equal(linearA.value, "65.00");
});

test("compare --format csv reads standard input and honours --models and --sep", () => {
  const input = "path,total_conversions,total_conversion_value\nA|B|A,3,90\n";
  const { code, stdout } = run(["compare", "--paths", "-", "--sep", "|", "--models", "linear", "--format", "csv"], input);
  assert.equal(code, 0);
  assert.deepEqual(stdout.trim().split("\n"), [
    "model,channel,conversions,conversion_share,value,value_share",
    "linear,A,2,0.6666666666666666,60.00,0.6666666666666666",
    "linear,B,1,0.3333333333333333,30.00,0.3333333333333333",
  ]);
});

test("bad rows are listed on stderr with line, column and value, and exit 1", () => {
  const { code, stdout, stderr } = run(["compare", "--paths", fixture("bad_rows.csv")]);
  assert.equal(code, 1);
  assert.equal(stdout, "");
  assert.match(stderr, /bad_rows\.csv line 3, column 2 \(total_conversions\), value "x": not a number/);
  assert.match(stderr, /line 4, column 1 \(path\), value "C > ": the path has an empty step/);
  assert.match(stderr, /line 5, column 3 \(total_conversion_value\), value "-2": must not be negative/);
  assert.match(stderr, /3 problems/);
});

test("bad arguments and unreadable files exit 2 with a clear message", () => {
  assert.match(run(["compare"]).stderr, /compare needs --paths FILE/);
  assert.equal(run(["compare"]).code, 2);
  assert.equal(run(["compare", "--paths", "/no/such/file.csv"]).code, 2);
  assert.match(run(["compare", "--paths", fixture("golden.csv"), "--models", "magic"]).stderr, /unknown model magic/);
  assert.match(run(["compare", "--paths", fixture("golden.csv"), "--format", "xml"]).stderr, /--format must be json or csv/);
  assert.match(run(["frobnicate"]).stderr, /unknown command/);
  assert.match(run(["compare", "--nope"]).stderr, /Unknown option '--nope'/);
  const gbk = run(["compare", "--paths", "-"], Buffer.from([0x70, 0x61, 0x74, 0x68, 0x0a, 0xb4, 0xef, 0x0a]));
  assert.equal(gbk.code, 2);
  assert.match(gbk.stderr, /not UTF-8/);
});

test("help and version", () => {
  assert.match(run(["--help"]).stdout, /kol-attribution compare --paths FILE/);
  assert.match(run(["compare", "--help"]).stdout, /--format FORMAT/);
  const version = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
  assert.equal(run(["--version"]).stdout.trim(), version);
});
