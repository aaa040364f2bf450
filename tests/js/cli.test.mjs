// The CLI runs the same wasm as the page; these run the real binary as a user would.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const CLI = new URL("../../bin/kol-attribution.mjs", import.meta.url).pathname;
const fixture = (name) => new URL(`../fixtures/paths/${name}`, import.meta.url).pathname;
const campaign = (name) => new URL(`../fixtures/campaign/${name}`, import.meta.url).pathname;
const CAMPAIGN = ["--kols", campaign("creators_gbk.csv"), "--touchpoints", campaign("touchpoints_excel.tsv"), "--orders", campaign("orders_semicolon.csv")];

function run(args, input, timeout = 0) {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: "utf8", timeout });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let wasm;
/** The engine itself, to hold the CLI's output against and to read its catalogue. */
function engine() {
  if (wasm) return wasm;
  return import(new URL("../../www/pkg/kol_attribution.js", import.meta.url).href).then((module) => {
    module.initSync({ module: readFileSync(new URL("../../www/pkg/kol_attribution_bg.wasm", import.meta.url)) });
    wasm = module;
    return module;
  });
}

test("compare prints the result object as JSON, with the hand-computed credits", () => {
  const { code, stdout, stderr } = run(["compare", "--paths", fixture("golden.csv")]);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout);
  assert.deepEqual(result.models, ["first_touch", "last_touch", "linear", "position_based", "markov", "shapley"]);
  assert.equal(result.totals.value, "150.00");
  assert.equal(result.removalEffects.length, result.channels.length);
  assert.ok(result.shapley.convertingSets > 0);
  const linearA = result.credits.find((c) => c.model === "linear" && c.channel === "A");
  assert.equal(linearA.conversions, 2.5);
  assert.equal(linearA.value, "65.00");
});

test("compare --format csv reads standard input and honours --models and --sep", () => {
  const input = "path,total_conversions,total_conversion_value\nA|B|A,3,90\n";
  const { code, stdout } = run(["compare", "--paths", "-", "--sep", "|", "--models", "linear", "--format", "csv"], input);
  assert.equal(code, 0);
  assert.deepEqual(stdout.trim().split("\n"), [
    "model,channel,conversions,conversion_share,value,value_share,net_value,value_change,value_change_percent",
    // Against last touch, which gives A all 90.00.
    "linear,A,2,0.6666666666666666,60.00,0.6666666666666666,60.00,-30.00,-33.333333333333336",
    "linear,B,1,0.3333333333333333,30.00,0.3333333333333333,30.00,30.00,",
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
  assert.match(run(["compare"]).stderr, /a campaign needs all of --kols, --touchpoints and --orders \(or use --paths\)/);
  assert.equal(run(["compare"]).code, 2);
  assert.equal(run(["compare", "--paths", "/no/such/file.csv"]).code, 2);
  assert.match(run(["compare", "--paths", fixture("golden.csv"), "--models", "magic"]).stderr, /unknown model magic/);
  assert.match(run(["compare", "--paths", fixture("golden.csv"), "--format", "xml"]).stderr, /--format must be json or csv/);
  assert.match(run(["frobnicate"]).stderr, /unknown command/);
  assert.match(run(["compare", "--nope"]).stderr, /Unknown option '--nope'/);
  const garbage = run(["compare", "--paths", "-"], Buffer.from([0x70, 0x61, 0x74, 0x68, 0x0a, 0xff, 0x0a]));
  assert.equal(garbage.code, 1);
  assert.match(garbage.stderr, /stdin line 2: byte 5 is neither UTF-8 nor GBK\/GB18030/);
  assert.match(run(["compare", "--kols", "a.csv"]).stderr, /needs all of --kols, --touchpoints and --orders/);
  assert.match(run(["compare", ...CAMPAIGN, "--windows", "7,x"]).stderr, /bad --windows: x/);
  assert.match(run(["compare", ...CAMPAIGN, "--windows", "0"]).stderr, /a window is 1 to 3650 days/);
  assert.match(run(["paths", ...CAMPAIGN, "--level", "galaxy"]).stderr, /--level must be one of creator, tier, note, not galaxy/);
  assert.match(run(["sample"]).stderr, /sample needs --out DIR/);
  assert.match(run(["sample", "--journeys", "0", "--out", "/tmp/x"]).stderr, /--journeys must be a whole number from 1/);
});

test("compare reads a GBK roster, an Excel TSV and semicolon orders; warnings go to stderr", () => {
  const { code, stdout, stderr } = run(["compare", ...CAMPAIGN, "--windows", "90,7", "--models", "linear"]);
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.windows.map((w) => w.days), [7, 90]);
  const koc = report.windows[1].tiers.credits.find((c) => c.channel === "KOC");
  assert.equal(koc.value, "600.00");
  assert.equal(koc.netValue, "566.67");
  assert.equal(report.summary.orders, 3);
  assert.match(stderr, /^warning: .*touchpoints_excel\.tsv line 8, value "k_ghost": creator "k_ghost" is not in the roster/m);
  assert.match(stderr, /orders_semicolon\.csv line 4: order o3 of "u4" has no touch at all/);
  const csv = run(["compare", ...CAMPAIGN, "--windows", "7", "--models", "last_touch", "--format", "csv"]).stdout;
  assert.ok(csv.startsWith("window_days,level,model,channel,conversions,conversion_share,value,value_share,net_value,value_change,value_change_percent,value_share_low_90,value_share_high_90\n"));
  // Two of three orders, 1300.00 of 1350.00; the same as the baseline, last touch at 30 days.
  // With three orders, resampling can give KOC anything from none of the value to all of it.
  assert.match(csv, /^7,tier,last_touch,KOC,2,0\.6666666666666666,1300\.00,0\.96296296\d*,1200\.00,0\.00,0,0(\.\d+)?,1$/m);
});

test("every model, a baseline, a level and the model parameters", () => {
  const base = ["compare", ...CAMPAIGN, "--windows", "7,90"];
  const report = JSON.parse(run(base).stdout);
  assert.deepEqual(report.windows[0].tiers.models, ["first_touch", "last_touch", "linear", "time_decay", "position_based", "touch_weighted", "platform_last_click", "markov", "shapley", "incremental"]);
  for (const credit of report.windows[0].tiers.credits) {
    assert.ok(credit.interval[0] <= credit.valueShare + 1e-12 || credit.model === "shapley", `${credit.model} ${credit.channel}`);
    assert.ok(credit.interval[0] <= credit.interval[1]);
  }
  assert.equal(report.windows[0].creators.credits[0].interval, null, "intervals are for tiers");
  assert.equal(JSON.parse(run([...base, "--intervals", "0"]).stdout).windows[0].tiers.credits[0].interval, null);
  assert.match(run([...base, "--markov-order", "5"]).stderr, /--markov-order must be a whole number from 1 to 4/);
  assert.deepEqual(report.windows[0].tiers.baseline, { model: "last_touch", days: 30 });
  const tierOnly = JSON.parse(run([...base, "--level", "tier", "--baseline", "first_touch:90", "--models", "last_touch"]).stdout);
  assert.equal(tierOnly.windows[0].creators, null);
  const koc = tierOnly.windows[0].tiers.credits.find((c) => c.channel === "KOC");
  // Last touch at 7 days gives KOC 1300.00; first touch at 90 days gave it nothing.
  assert.equal(koc.valueChange, "1300.00");
  assert.equal(koc.valueChangePercent, null);
  // o1's click was exactly 24 hours before it and o2's promo code 23 hours: a 23-hour click window
  // keeps o2 and loses o1 (300.00), besides o3 (50.00), which has no touch at all.
  const platform = (hours) =>
    JSON.parse(run([...base, "--models", "platform_last_click", "--click-window", hours]).stdout).windows[0].tiers.unattributed[0].value;
  assert.equal(platform("72"), "50.00");
  assert.equal(platform("24"), "50.00");
  assert.equal(platform("23"), "350.00");
  const decay = JSON.parse(run([...base, "--models", "time_decay", "--half-life", "1", "--level", "tier"]).stdout);
  assert.ok(decay.windows[1].tiers.credits.find((c) => c.channel === "mega").conversions < 1e-6);
  assert.match(run([...base, "--half-life", "0"]).stderr, /halfLifeDays/);
  assert.match(run([...base, "--position", "0.7,0.5"]).stderr, /above 1/);
  assert.match(run([...base, "--touch-weights", "share=2"]).stderr, /bad --touch-weights "share=2"/);
  assert.equal(run([...base, "--touch-weights", "save=10,view=0.5", "--unique-creators", "--position", "0.3,0.5"]).code, 0);
  assert.match(run([...base, "--baseline", "magic"]).stderr, /unknown baseline model magic/);
  assert.match(run(["compare", "--paths", fixture("golden.csv"), "--models", "time_decay"]).stderr, /time_decay.*needs touch times/);
});

test("commission: the ledger by hand, as JSON and CSV, with bad arguments named", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-money-"));
  try {
    const write = (name, text) => (writeFileSync(join(dir, name), text), join(dir, name));
    const files = [
      "--kols", write("k.csv", "kol_id,tier,category,commission_rate\nA,mega,beauty,10%\nB,KOC,skincare,\n"),
      "--touchpoints", write("t.csv", "journey_id,kol_id,timestamp,touch_type\nu1,A,2025-04-01 10:00,click\nu3,B,2025-04-05 10:00,click\n"),
      "--orders", write("o.csv", "order_id,journey_id,timestamp,value,refunded_amount,refunded_at\no1,u1,2025-04-02 10:00,100.00,,\no3,u3,2025-04-05 12:00,99.99,33.33,2025-04-30 15:00\n"),
    ];
    const args = ["commission", ...files, "--category-rate", "skincare=20%", "--as-of", "2025-05-31", "--bonus", "mega:100:500"];
    const { code, stdout, stderr } = run(args);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.ledger.map((l) => [l.date, l.orderId, l.kolId, l.status, l.amount]), [
      ["2025-04-17", "o1", "A", "payable", "10.00"],
      ["2025-04-20", "o3", "B", "payable", "20.00"],
      ["2025-04-30", "o3", "B", "clawed_back", "-6.67"],
    ]);
    assert.equal(report.creators[0].bonus, "500.00");
    assert.equal(report.totals.commission, "23.33");
    assert.match(report.rounding, /half-up to the fen/);
    const csv = run([...args, "--format", "csv"]).stdout.trim().split("\n");
    assert.equal(csv[0], "date,kol_id,order_id,order_line,kind,status,rate,share,gross_amount,amount");
    assert.equal(csv[3], "2025-04-30,B,o3,3,clawback,clawed_back,0.2,1,20.00,-6.67");
    assert.match(run([...args, "--holding-days", "91"]).stderr, /--holding-days must be a whole number from 0 to 90/);
    assert.match(run([...args, "--bonus", "giga:1:2"]).stderr, /no such tier/);
    assert.match(run([...args, "--default-rate", "12"]).stderr, /percent sign/);
    assert.match(run([...args, "--as-of", "May 31"]).stderr, /--as-of must be a date/);
    assert.match(run(["commission", "--help"]).stdout, /half-up to the fen/);
    // ROI under the platform rule: A costs its 10.00 commission and the 500.00 bonus; B's commission
    // is 20.00 less the 6.67 clawed back, exactly 20% of its 66.66 net: paid as earned.
    const roiArgs = ["roi", ...files, "--category-rate", "skincare=20%", "--as-of", "2025-05-31", "--bonus", "mega:100:500", "--windows", "30", "--models", "platform_last_click", "--level", "creator"];
    const rows = JSON.parse(run(roiArgs).stdout);
    assert.deepEqual(rows.map((r) => [r.channel, r.cost, r.netValue, r.paidCommission, r.earnedCommission, r.payGap]), [
      ["A", "510.00", "100.00", "10.00", "10.00", "0.00"],
      ["B", "13.33", "66.66", "13.33", "13.33", "0.00"],
    ]);
    const roiCsv = run([...roiArgs, "--format", "csv"]).stdout.trim().split("\n");
    assert.equal(roiCsv[0], "window_days,level,model,channel,cost,net_value,roas,cost_per_order,paid_commission,earned_commission,pay_gap");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--map reads a field from a differently named column", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-map-"));
  try {
    const orders = join(dir, "orders.csv");
    writeFileSync(orders, "单号,买家,付款时间,实付款\no1,u1,2025-04-10 10:00,300\n");
    const files = [...CAMPAIGN.slice(0, 4), "--orders", orders];
    assert.match(run(["compare", ...files]).stderr, /no column "order_id"/);
    const maps = ["orders.order_id=单号", "orders.journey_id=买家", "orders.timestamp=付款时间", "orders.value=实付款"].flatMap((m) => ["--map", m]);
    const { code, stdout, stderr } = run(["compare", ...files, ...maps, "--windows", "7"]);
    assert.equal(code, 0, stderr);
    assert.equal(JSON.parse(stdout).summary.value, "300");
    assert.match(run(["compare", ...files, "--map", "orders.value"]).stderr, /bad --map "orders.value"/);
    assert.match(run(["compare", ...files, "--map", "orders.colour=x"]).stderr, /columns.orders.colour/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the --map an unread column's warning suggests is accepted as written; the roster is creators or kols", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-map-"));
  try {
    const kols = join(dir, "kols.csv");
    writeFileSync(kols, "kol_id,tier,报价(元)\nk_mega,mega,5000\nk_mid,mid-tier,800\nk_micro,micro,\nk_koc,KOC,\n");
    const files = ["--kols", kols, ...CAMPAIGN.slice(2)];
    const warned = run(["compare", ...files, "--windows", "30"]);
    assert.equal(warned.code, 0, warned.stderr);
    const suggested = /\(CLI: --map (\S+)\)$/m.exec(warned.stderr)?.[1];
    assert.equal(suggested, "creators.flat_fee=报价(元)", warned.stderr);
    // Return on spend counts each creator's fee as its cost.
    const cost = (map) => {
      const { code, stdout, stderr } = run(["roi", ...files, "--windows", "30", "--map", map]);
      assert.equal(code, 0, stderr);
      assert.doesNotMatch(stderr, /not used/);
      return Object.fromEntries(JSON.parse(stdout).filter((r) => r.model === "linear" && r.level === "creator").map((r) => [r.channel, r.cost]));
    };
    const costs = cost(suggested);
    assert.deepEqual([costs.k_mega, costs.k_mid, costs.k_micro], ["5000.00", "800.00", "0.00"], JSON.stringify(costs));
    assert.deepEqual(cost("kols.flat_fee=报价(元)"), cost(suggested), "the two names of the roster map alike");
    assert.match(run(["compare", ...files, "--map", "roster.flat_fee=x"]).stderr, /FILE one of creators, kols, touchpoints, orders, notes, spend/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a broken campaign lists every problem in every file under the user's own file names", () => {
  const broken = ["--kols", campaign("creators_broken.csv"), "--touchpoints", campaign("touchpoints_broken.csv"), "--orders", campaign("orders_broken.csv")];
  const { code, stdout, stderr } = run(["compare", ...broken]);
  assert.equal(code, 1);
  assert.equal(stdout, "");
  const lines = stderr.trim().split("\n");
  assert.equal(lines.filter((l) => l.includes("creators_broken.csv line")).length, 7);
  assert.equal(lines.filter((l) => /^[^w].*touchpoints_broken\.csv line/.test(l)).length, 3);
  assert.equal(lines.filter((l) => l.includes("orders_broken.csv line")).length, 6);
  assert.match(stderr, /orders_broken\.csv line 7, column 4 \(value\), value "1 299,00": ambiguous separators/);
  assert.equal(lines.at(-1), "kol-attribution: 16 problems in the input; nothing was computed");
});

test("sample writes the same bytes for the same seed, and paths exports them", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-sample-"));
  try {
    assert.equal(run(["sample", "--journeys", "400", "--seed", "5", "--out", join(dir, "a")]).code, 0);
    assert.equal(run(["sample", "--journeys", "400", "--seed", "5", "--out", join(dir, "b")]).code, 0);
    for (const file of ["creators.csv", "touchpoints.csv", "orders.csv", "truth.json"]) {
      assert.equal(readFileSync(join(dir, "a", file), "utf8"), readFileSync(join(dir, "b", file), "utf8"), file);
    }
    const truth = JSON.parse(readFileSync(join(dir, "a", "truth.json"), "utf8"));
    assert.deepEqual(truth.map((t) => t.tier), ["mega", "mid-tier", "micro", "KOC"]);
    const files = ["--kols", join(dir, "a", "creators.csv"), "--touchpoints", join(dir, "a", "touchpoints.csv"), "--orders", join(dir, "a", "orders.csv")];
    const paths = run(["paths", ...files, "--level", "tier", "--window", "60"]);
    assert.equal(paths.code, 0, paths.stderr);
    const rows = paths.stdout.trim().split("\n");
    assert.equal(rows[0], "path,total_conversions,total_conversion_value,total_null");
    // The export reads back as a paths file, and its conversions are the sample's attributed orders.
    const compared = JSON.parse(run(["compare", "--paths", "-", "--models", "linear"], paths.stdout).stdout);
    const orders = readFileSync(join(dir, "a", "orders.csv"), "utf8").trim().split("\n").length - 1;
    assert.ok(compared.totals.conversions > 0 && compared.totals.conversions <= orders);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("help and version", () => {
  assert.match(run(["--help"]).stdout, /kol-attribution compare \(--kols FILE --touchpoints FILE --orders FILE \| --paths FILE\)/);
  assert.match(run(["sample", "--help"]).stdout, /DIR\/truth\.json/);
  assert.match(run(["paths", "--help"]).stdout, /--window DAYS/);
  assert.match(run(["compare", "--help"]).stdout, /--format FORMAT/);
  const version = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
  assert.equal(run(["--version"]).stdout.trim(), version);
});

test("markov prints removal effects and transitions whose rows sum to one", () => {
  const { code, stdout, stderr } = run(["markov", "--paths", fixture("golden.csv"), "--order", "2"]);
  assert.equal(code, 0, stderr);
  const chain = JSON.parse(stdout);
  assert.equal(chain.order, 2);
  assert.deepEqual(chain.removalEffects.map((e) => e.channel), ["A", "B", "C"]);
  const sums = new Map();
  for (const t of chain.transitions) sums.set(t.from, (sums.get(t.from) ?? 0) + t.probability);
  assert.equal(sums.size, chain.states);
  for (const sum of sums.values()) assert.ok(Math.abs(sum - 1) < 1e-12);
  const csv = run(["markov", "--paths", fixture("golden.csv"), "--format", "csv"]).stdout.trim().split("\n");
  assert.equal(csv[0], "channel,removal_effect_conversion,removal_effect_value,removal_effect_net_value");
  assert.equal(csv.length, 4);
  assert.match(run(["markov", "--paths", fixture("golden.csv"), "--order", "5"]).stderr, /--order must be a whole number from 1 to 4/);
});

test("budget: the hand-computed proposals (tests/golden_budget.rs) as JSON, CSV and a table; limits and bad limits", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-budget-"));
  try {
    writeFileSync(join(dir, "kols.csv"), "kol_id,tier,flat_fee,commission_rate\nA,mega,100,0%\nB,KOC,100,0%\n");
    writeFileSync(
      join(dir, "touches.csv"),
      "journey_id,kol_id,timestamp,touch_type\nu1,A,2025-04-01 10:00,view\nu2,B,2025-04-02 10:00,click\nu3,A,2025-04-03 10:00,view\nu3,B,2025-04-04 10:00,click\n",
    );
    writeFileSync(join(dir, "orders.csv"), "order_id,journey_id,timestamp,value\no1,u1,2025-04-05 10:00,300\no2,u2,2025-04-05 10:00,100\no3,u3,2025-04-05 10:00,100\n");
    const files = ["--kols", join(dir, "kols.csv"), "--touchpoints", join(dir, "touches.csv"), "--orders", join(dir, "orders.csv")];
    const base = ["budget", ...files, "--models", "first_touch,last_touch", "--windows", "30"];
    const json = run(base);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout);
    assert.equal(result.budget, "200.00");
    const spends = (r, model, method) => r.plans.find((p) => p.model === model && p.method === method).tiers.map((t) => t.proposedSpend);
    assert.deepEqual(spends(result, "first_touch", "marginal_return"), ["166.67", "33.33"]);
    assert.deepEqual(spends(result, "last_touch", "follow_credit"), ["120.00", "80.00"]);
    for (const plan of result.plans) {
      const fen = plan.tiers.reduce((sum, t) => sum + BigInt(t.proposedSpend.replace(".", "")), 0n);
      assert.equal(fen, 20000n, "every proposal spends the budget to the fen");
    }
    const mega = result.disagreements.find((x) => x.method === "marginal_return" && x.tier === "mega");
    assert.deepEqual([mega.lowestModel, mega.highestModel, mega.spread], ["last_touch", "first_touch", "46.47"]);

    const csv = run([...base, "--format", "csv", "--budget", "¥300", "--lock", "mega"]);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split("\n");
    assert.equal(lines[0], "window_days,model,method,tier,current_spend,proposed_spend,change,change_percent,current_return,expected_return,marginal_return,limit");
    assert.ok(lines.slice(1).filter((l) => l.includes(",mega,")).every((l) => l.includes(",100.00,100.00,0.00,0,") && l.endsWith(",locked")), csv.stdout);

    const capped = JSON.parse(run([...base, "--max", "mega=1.5x"]).stdout);
    assert.deepEqual(spends(capped, "first_touch", "marginal_return"), ["150.00", "50.00"]);
    const table = run([...base, "--format", "table", "--curve", "power", "--exponent", "0.3"]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Power: R\(s\) = c·s\^0\.3/);
    assert.match(table.stdout, /30-day window, marginal return:\ntier\s+now\s+first_touch\s+last_touch\nmega\s+100\.00/);

    const infeasible = run([...base, "--min", "mega=150", "--min", "KOC=80"]);
    assert.equal(infeasible.code, 2);
    assert.match(infeasible.stderr, /minimums add up to ¥230\.00 \(mega ¥150\.00, KOC ¥80\.00\), more than the budget/);
    assert.equal(infeasible.stdout, "");
    assert.match(run([...base, "--min", "celebrity=1"]).stderr, /constraints\[0\]\.tier = "celebrity": no such tier in this campaign; its tiers are mega, KOC/);
    assert.match(run([...base, "--max", "mega"]).stderr, /bad --max "mega": write TIER=AMOUNT or TIER=MULTIPLEx/);
    assert.match(run([...base, "--min", "mega=lots"]).stderr, /"lots": not an amount/);
    assert.match(run([...base, "--slope", "3"]).stderr, /--slope must be from 0\.1 to 1, not 3: above 1 the Hill curve/);
    assert.equal(run([...base, "--metric", "likes"]).code, 2);
    assert.match(run(["budget", "--help"]).stdout, /--lock TIER/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("sql renders the warehouse query per dialect; compare --paths reads its multi-window output", () => {
  const duckdb = run(["sql", "--windows", "30,7", "--level", "tier", "--touchpoints", "shop.ods.xhs_touches"]);
  assert.equal(duckdb.code, 0, duckdb.stderr);
  assert.match(duckdb.stdout, /SELECT 7 AS days\n  UNION ALL SELECT 30/);
  assert.match(duckdb.stdout, /CAST\(epoch\(timestamp\) AS BIGINT\) AS ts, touch_type, CAST\(NULL AS VARCHAR\) AS source FROM shop\.ods\.xhs_touches/);
  assert.match(duckdb.stdout, /CASE WHEN 'tier' = 'tier'/);
  assert.doesNotMatch(duckdb.stdout, /\{\{/);
  assert.match(run(["sql", "--dialect", "bigquery"]).stdout, /STRING_AGG\(t\.channel, ' > ' ORDER BY t\.ts, t\.kol_id, t\.kind_rank\)/);
  assert.match(run(["sql", "--dialect", "spark"]).stdout, /array_join\(transform\(array_sort\(collect_list/);
  assert.match(run(["sql", "--dialect", "oracle"]).stderr, /--dialect must be one of duckdb, bigquery, spark/);
  assert.equal(run(["sql", "--orders", "orders; DROP TABLE x"]).code, 2);
  assert.match(run(["sql", "--windows", "0"]).stderr, /--windows must be a whole number from 1 to 3650/);
  const events = run(["sql", "--events"]).stdout;
  assert.match(events, /string_agg\(t\.kind, ' > ' ORDER BY t\.ts, t\.kol_id, t\.kind_rank\) AS touch_types/);
  assert.match(events, /touch_ages AS touch_ages_seconds\nFROM rows_by_path/);
  assert.doesNotMatch(run(["sql"]).stdout, /touch_ages_seconds\nFROM/);

  const windowed = "window_days,path,total_conversions,total_conversion_value,total_net_value,total_null\n7,A > B,1,10.00,10.00,0\n30,A > B,2,20.00,15.00,1\n30,B,1,5.00,5.00,0\n";
  const json = run(["compare", "--paths", "-"], windowed);
  assert.equal(json.code, 0, json.stderr);
  const result = JSON.parse(json.stdout);
  assert.deepEqual(result.windows.map((w) => w.days), [7, 30]);
  assert.deepEqual(result.needsEvents, ["time_decay", "touch_weighted", "platform_last_click"]);
  assert.match(json.stderr, /time_decay, touch_weighted, platform_last_click need each touch's time and type/);
  const linearB = result.windows[1].comparison.credits.find((c) => c.model === "linear" && c.channel === "B");
  assert.deepEqual([linearB.conversions, linearB.value, linearB.netValue], [2, "15.00", "12.50"]);
  const csv = run(["compare", "--paths", "-", "--models", "last_touch", "--windows", "30", "--format", "csv"], windowed);
  assert.equal(csv.stderr, "");
  assert.deepEqual(csv.stdout.trim().split("\n").slice(0, 2), [
    "window_days,model,channel,conversions,conversion_share,value,value_share,net_value,value_change,value_change_percent",
    "30,last_touch,A,0,0,0.00,0,0.00,0.00,",
  ]);
  assert.match(run(["compare", "--paths", "-", "--windows", "14"], windowed).stderr, /no 14-day window; it has 7, 30/);
  assert.match(run(["markov", "--paths", "-"], windowed).stderr, /holds 2 lookback windows \(7, 30 days\)/);

  // With touch types and ages every model runs, and no note is needed.
  const typed = "path,total_conversions,total_conversion_value,touch_types,touch_ages_seconds\nA > B,1,10.00,save > click,90000 > 3600\n";
  const all = run(["compare", "--paths", "-"], typed);
  assert.equal(all.stderr, "");
  const platform = JSON.parse(all.stdout).credits.filter((c) => c.model === "platform_last_click").map((c) => [c.channel, c.value]);
  assert.deepEqual(platform, [["A", "0.00"], ["B", "10.00"]]);
});

test("every subcommand: --help, and bad arguments or unreadable files give a clear message and a non-zero exit", () => {
  for (const command of ["compare", "commission", "roi", "budget", "paths", "markov", "sql", "sample"]) {
    const help = run([command, "--help"]);
    assert.equal(help.code, 0, command);
    assert.match(help.stdout, new RegExp(`^kol-attribution ${command}: `), command);
    const unknown = run([command, "--frobnicate"]);
    assert.equal(unknown.code, 2, command);
    assert.match(unknown.stderr, /kol-attribution: .*frobnicate/, command);
  }
  const missing = ["--kols", "/no/such/kols.csv", "--touchpoints", "/no/such/t.csv", "--orders", "/no/such/o.csv"];
  for (const command of ["compare", "commission", "roi", "budget", "paths", "markov"]) {
    const result = run([command, ...missing]);
    assert.equal(result.code, 2, command);
    assert.match(result.stderr, /cannot read \/no\/such\/kols\.csv: ENOENT/, command);
  }
  const broken = ["--kols", "-", "--touchpoints", campaign("touchpoints_excel.tsv"), "--orders", campaign("orders_semicolon.csv")];
  for (const command of ["roi", "budget", "paths", "markov", "commission"]) {
    const result = run([command, ...broken], "kol_id,tier\nk1,giant\n");
    assert.equal(result.code, 1, command);
    assert.match(result.stderr, /stdin line 2, column 2 \(tier\), value "giant"/, command);
    assert.equal(result.stdout, "", command);
  }
  assert.match(run(["roi", ...CAMPAIGN, "--level", "everything"]).stderr, /--level must be creator, tier, note, group, all, auto or both/);
  assert.match(run(["paths", ...CAMPAIGN, "--window", "0"]).stderr, /--window must be a whole number from 1 to 3650/);
  assert.match(run(["markov", ...CAMPAIGN, "--order", "9"]).stderr, /--order must be a whole number from 1 to 4/);
  assert.match(run(["sample", "--out", "/dev/null/x"]).stderr, /cannot write to \/dev\/null\/x: ENOTDIR/);
  assert.match(run(["sample", "--journeys", "0", "--out", "/tmp/x"]).stderr, /--journeys must be a whole number from 1 to 5000000/);
});

test("a refused option names the flag and the text typed, never the engine's JSON reader", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-refusal-"));
  try {
    writeFileSync(join(dir, "kols.csv"), "kol_id,tier,flat_fee,commission_rate\nA,mega,100,0%\nB,KOC,100,0%\n");
    writeFileSync(join(dir, "touches.csv"), "journey_id,kol_id,timestamp,touch_type\nu1,A,2025-04-01 10:00,view\nu2,B,2025-04-02 10:00,click\n");
    writeFileSync(join(dir, "orders.csv"), "order_id,journey_id,timestamp,value\no1,u1,2025-04-05 10:00,300\no2,u2,2025-04-05 10:00,100\n");
    const files = ["--kols", join(dir, "kols.csv"), "--touchpoints", join(dir, "touches.csv"), "--orders", join(dir, "orders.csv")];
    const cases = [
      [["commission", "--default-rate", "12"], /^kol-attribution: --default-rate 12: "12": a rate above 1 needs a percent sign/m],
      [["commission", "--platform-fee-for", "electronics=x"], /^kol-attribution: --platform-fee-for electronics=x: "x": not a rate/m],
      [["commission", "--bonus", "mega:lots:5"], /^kol-attribution: --bonus mega:lots:5: .*"lots": not an amount/m],
      [["budget", "--budget", "a lot"], /^kol-attribution: --budget "a lot": "a lot": not an amount/m],
      [["budget", "--min", "mega=lots"], /^kol-attribution: --min mega=lots: "lots": not an amount/m],
      [["compare", "--intervals", "0", "--position", "0.7,0.5"], /^kol-attribution: --position 0\.7,0\.5: first and last shares add up to 1\.2, above 1$/m],
      [["budget", "--exponent", "1e20"], /^kol-attribution: --exponent must be from 0\.05 to 0\.95, not 1e20: below 1 for diminishing returns/m],
      [["commission", "--basis", "markov"], /^kol-attribution: --basis markov: commission is paid order by order/m],
    ];
    for (const [[command, ...args], expected] of cases) {
      const { code, stderr } = run([command, ...files, ...args]);
      assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
      assert.match(stderr, expected);
      assert.doesNotMatch(stderr, /\(object\)|option options|at line \d+ column \d+|invalid type|unknown variant/, stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an impossible date is refused, naming the flag and the date", () => {
  for (const date of ["2025-02-30", "2025-04-31", "2025-13-01"]) {
    const { code, stdout, stderr } = run(["commission", ...CAMPAIGN, "--as-of", date]);
    assert.equal(code, 2, stderr);
    assert.equal(stdout, "");
    assert.match(stderr, new RegExp(`--as-of ${date}: no such date`));
  }
  assert.match(run(["commission", ...CAMPAIGN, "--as-of", "2025-02-30"]).stderr, /2025-02 has 28 days/);
  assert.equal(run(["commission", ...CAMPAIGN, "--as-of", "2024-02-29"]).code, 0, "a leap day is a date");
});

test("runaway input stops at once with the warehouse path as the way forward", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-big-"));
  try {
    const others = CAMPAIGN.slice(2);
    // An endless device: read in chunks and stopped at the cap (today's whole-file read never ends).
    const endless = run(["compare", "--kols", "/dev/zero", ...others], undefined, 60_000);
    assert.equal(endless.code, 2, endless.stderr);
    assert.match(endless.stderr, /--kols \/dev\/zero is larger than \d+ MB, too large for one run/);
    assert.match(endless.stderr, /`kol-attribution sql`.*`kol-attribution compare --paths RESULT\.csv`/s);
    // A file past what one JavaScript string holds (sparse: no disk used), refused before reading.
    const big = join(dir, "touches.csv");
    writeFileSync(big, "");
    truncateSync(big, 600 * 1024 * 1024);
    const huge = run(["compare", ...CAMPAIGN.slice(0, 2), "--touchpoints", big, ...CAMPAIGN.slice(4)], undefined, 60_000);
    assert.equal(huge.code, 2, huge.stderr);
    assert.match(huge.stderr, /--touchpoints .*touches\.csv is larger than \d+ MB, too large for one run/);
    assert.doesNotMatch(huge.stderr, /Cannot create a string/);
    const paths = run(["markov", "--paths", big], undefined, 60_000);
    assert.equal(paths.code, 2, paths.stderr);
    assert.match(paths.stderr, /--paths .* too large for one run/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("standard input for two files at once is refused, naming both flags", () => {
  const both = run(["compare", "--kols", "-", "--touchpoints", campaign("touchpoints_excel.tsv"), "--orders", "-"], "kol_id\nk1\n");
  assert.equal(both.code, 2, both.stderr);
  assert.match(both.stderr, /--kols and --orders both read standard input/);
  const truth = run(["compare", "--kols", "-", "--touchpoints", campaign("touchpoints_excel.tsv"), "--orders", campaign("orders_semicolon.csv"), "--truth", "-"], "kol_id\nk1\n");
  assert.equal(truth.code, 2, truth.stderr);
  assert.match(truth.stderr, /--kols and --truth both read standard input/);
});

test("compare says how far the intervals got, window by window, and gives the engine's report to the bit", async () => {
  const { code, stdout, stderr } = run(["compare", ...CAMPAIGN, "--windows", "90,7", "--intervals", "50"]);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /^computing the tiers' intervals \(50 resamples\): window 1 of 2, 7 days\.\.\.$/m);
  assert.match(stderr, /^computing the tiers' intervals \(50 resamples\): window 2 of 2, 90 days\.\.\.$/m);
  const module = await engine();
  const read = (name, label) => module.decodeFile(readFileSync(campaign(name)), label).text;
  const inputs = { creators: read("creators_gbk.csv", "creators"), touchpoints: read("touchpoints_excel.tsv", "touchpoints"), orders: read("orders_semicolon.csv", "orders") };
  const once = module.campaignReport(inputs, { windows: [90, 7], intervals: { resamples: 50 }, input: { now: Math.floor(Date.now() / 1000) } });
  assert.ok(once.windows[0].tiers.credits.some((c) => c.interval !== null));
  assert.deepEqual(JSON.parse(stdout), once);
  assert.doesNotMatch(run(["compare", ...CAMPAIGN, "--windows", "7", "--intervals", "0"]).stderr, /computing/);
});

test("compare says how far the report got, window by window in window order, and its stdout is the engine's one-call report", async () => {
  const module = await engine();
  const read = (name, label) => module.decodeFile(readFileSync(campaign(name)), label).text;
  const inputs = { creators: read("creators_gbk.csv", "creators"), touchpoints: read("touchpoints_excel.tsv", "touchpoints"), orders: read("orders_semicolon.csv", "orders") };
  const models = module.catalogue().models.filter((m) => m.inDefault).length;
  // The arguments, the engine's options for them, and whether the tiers' intervals follow.
  for (const [args, options, intervalsFollow] of [
    [["--windows", "30,7,90", "--intervals", "0"], { windows: [30, 7, 90], intervals: { resamples: 0 } }, false],
    [["--windows", "14,7", "--intervals", "20", "--level", "all"], { windows: [14, 7], intervals: { resamples: 20 }, level: "all" }, true],
    [["--windows", "7,30", "--models", "linear,markov", "--level", "creator"], { windows: [7, 30], models: ["linear", "markov"], level: "creator" }, false],
  ]) {
    const { code, stdout, stderr } = run(["compare", ...CAMPAIGN, ...args]);
    assert.equal(code, 0, stderr);
    const days = [...options.windows].sort((a, b) => a - b);
    const count = options.models?.length ?? models;
    const lines = stderr.split("\n").filter((line) => line.startsWith(`computing ${count} models: `));
    assert.deepEqual(lines, days.map((d, i) => `computing ${count} models: window ${i + 1} of ${days.length}, ${d} days...`), args.join(" "));
    // Every window's report before any window's intervals.
    const intervals = stderr.indexOf("computing the tiers' intervals");
    if (intervalsFollow) assert.ok(intervals > stderr.indexOf(lines.at(-1)), stderr);
    else assert.equal(intervals, -1, stderr);
    const once = module.campaignReport(inputs, { ...options, input: { now: Math.floor(Date.now() / 1000) } });
    assert.equal(once.windows.length, days.length);
    assert.deepEqual(JSON.parse(stdout), once, args.join(" "));
  }
  // A refusal met in the first window's part is the whole request's, naming what the user gave.
  const dir = mkdtempSync(join(tmpdir(), "kol-cli-"));
  try {
    const lift = join(dir, "lift.csv");
    writeFileSync(lift, "name,tiers,from,to,incremental_conversions,low,high\nx,giants,2025-03-01,2025-07-31,40,30,50\n");
    const refused = run(["compare", ...CAMPAIGN, "--windows", "7,30", "--intervals", "0", "--lift-tests", lift]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /--lift-tests .*liftTests\[0\]\.tiers = "giants": no such tier/);
    assert.equal(refused.stdout, "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--help lists every option of the catalogue's groups with its default and range", async () => {
  const { catalogue } = await engine();
  const { settings, shorthands } = catalogue();
  const help = run(["compare", "--help"]).stdout;
  for (const s of settings.filter((x) => x.group === "model" && x.flag)) {
    assert.match(help, new RegExp(`--${s.flag}${s.metavar ? ` ${s.metavar}` : ""} `), s.flag);
    if (typeof s.default === "number") assert.ok(help.includes(`Default ${s.default}`), `${s.flag} default`);
    if (s.max !== null) assert.ok(help.includes(`${s.max}${s.unit ? ` ${s.unit}` : ""}`), `${s.flag} range`);
  }
  for (const sh of shorthands.filter((x) => x.group === "model" || x.group === "report")) assert.ok(help.includes(`--${sh.flag} ${sh.metavar}`), sh.flag);
  const sql = run(["sql", "--help"]).stdout;
  for (const s of settings.filter((x) => x.group === "sql")) assert.ok(sql.includes(`--${s.flag}`), s.flag);
  const windows = settings.find((x) => x.group === "sql" && x.path === "windows");
  assert.ok(sql.includes(`Default ${windows.default.join(",")}`));
});

test("the CLI holds no model list, bound or default of its own: they come from the catalogue", () => {
  const root = new URL("../../bin/src/", import.meta.url).pathname;
  const sources = readdirSync(root, { recursive: true }).filter((f) => f.endsWith(".ts"));
  assert.ok(sources.length > 5);
  for (const file of sources) {
    const text = readFileSync(join(root, file), "utf8");
    assert.doesNotMatch(text, /3650|720|"first_touch"|7, ?14, ?30, ?60, ?90, ?120/, file);
  }
});

test("the launcher says how to build the CLI when bin/dist is missing", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-launcher-"));
  try {
    mkdirSync(join(dir, "bin"));
    copyFileSync(CLI, join(dir, "bin", "kol-attribution.mjs"));
    const result = spawnSync(process.execPath, [join(dir, "bin", "kol-attribution.mjs"), "--help"], { encoding: "utf8" });
    assert.equal(result.status, 2);
    assert.equal(result.stderr, "kol-attribution: the CLI is not built; run `npm run build` first\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("check scores the models that give a probability on held-out journeys; lift tests hold every model against an experiment", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-check-"));
  try {
    assert.equal(run(["sample", "--journeys", "3000", "--out", dir]).code, 0);
    const files = ["--kols", join(dir, "creators.csv"), "--touchpoints", join(dir, "touchpoints.csv"), "--orders", join(dir, "orders.csv")];
    const checked = run(["check", ...files, "--window", "90", "--folds", "3"]);
    assert.equal(checked.code, 0, checked.stderr);
    const result = JSON.parse(checked.stdout);
    assert.deepEqual(result.models.map((m) => m.model).sort(), ["incremental", "markov", "shapley"]);
    assert.equal(result.folds, 3);
    assert.ok(result.withoutProbability.includes("last_touch"));
    const table = run(["check", ...files, "--format", "table"]).stdout;
    assert.match(table, /^model +log-loss +Brier$/m);
    assert.match(table, /^base rate +[\d.]+ +[\d.]+$/m);
    // A lift test as a CSV, as a brand would keep it in Excel.
    const lift = join(dir, "lift.csv");
    writeFileSync(lift, "name,tiers,from,to,incremental_conversions,low,high\nKOC holdout,KOC,2025-03-01,2025-07-31,40,30,50\n");
    const held = run(["compare", ...files, "--windows", "90", "--intervals", "0", "--models", "linear,incremental", "--lift-tests", lift]);
    assert.equal(held.code, 0, held.stderr);
    const checks = JSON.parse(held.stdout).liftChecks;
    assert.deepEqual(checks.map((c) => [c.test, c.days, c.model]), [["KOC holdout", 90, "linear"], ["KOC holdout", 90, "incremental"]]);
    const incremental = checks.find((c) => c.model === "incremental");
    assert.ok(incremental.inside, `the incremental fit is held inside the test's interval: ${incremental.implied}`);
    assert.match(held.stderr, /Lift test "KOC holdout": measured 40 \(90% interval 30 to 50\)/);
    // With intervals, window by window, the lift test still in every part: one call's report to the bit.
    const parts = run(["compare", ...files, "--windows", "90,30", "--intervals", "20", "--lift-tests", lift]);
    assert.equal(parts.code, 0, parts.stderr);
    const module = await engine();
    const text = (name) => readFileSync(join(dir, name), "utf8");
    const inputs = { creators: text("creators.csv"), touchpoints: text("touchpoints.csv"), orders: text("orders.csv") };
    const liftTests = [{ name: "KOC holdout", tiers: ["KOC"], creators: [], from: "2025-03-01", to: "2025-07-31", incrementalConversions: 40, low: 30, high: 50 }];
    const once = module.campaignReport(inputs, { windows: [90, 30], intervals: { resamples: 20 }, liftTests, input: { now: Math.floor(Date.now() / 1000) } });
    assert.deepEqual(JSON.parse(parts.stdout), once);
    writeFileSync(lift, "name,tiers,from,to,incremental_conversions,low,high\nx,giants,2025-03-01,2025-07-31,40,30,50\n");
    const refused = run(["compare", ...files, "--lift-tests", lift]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--lift-tests .*liftTests\[0\]\.tiers = "giants": no such tier/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lag gives the time lag and path length worked by hand, as a table, JSON or CSV, and the window per category", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-lag-"));
  try {
    // Four journeys (as src/report/lag/tests.rs works them): first touch 28, 1, 61 and 5 days before
    // their orders (window days, rounded up), last touch 9, 1, 3 and 5; u4's and u6's orders have no touch before them.
    const files = {
      creators: "kol_id,tier\nbig,mega\nmid,mid-tier\nkoc,KOC\n",
      touchpoints:
        "journey_id,kol_id,timestamp,touch_type\nu1,big,2025-04-01 12:00,view\nu1,koc,2025-04-20 12:00,save\nu2,mid,2025-04-29 08:00,view\n" +
        "u3,koc,2025-03-01 12:00,view\nu3,koc,2025-04-10 12:00,like\nu3,mid,2025-04-28 12:00,click\nu3,big,2025-05-05 12:00,view\n" +
        "u5,koc,2025-04-02 12:00,view\nu6,mid,2025-05-01 12:00,view\n",
      // Chinese headers: 品类 is the orders' category.
      orders:
        "订单号,用户id,下单时间,金额,品类\no1,u1,2025-04-29 12:00,100,skincare\no2,u2,2025-04-29 20:00,20,snacks\n" +
        "o3,u3,2025-04-30 12:30,300,skincare\no4,u3,2025-05-10 12:00,80,\no5,u4,2025-04-15 12:00,50,snacks\no6,u6,2025-04-30 12:00,60,snacks\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), text);
    const args = ["--kols", join(dir, "creators.csv"), "--touchpoints", join(dir, "touchpoints.csv"), "--orders", join(dir, "orders.csv")];
    const table = run(["lag", ...args]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^4 orders of 6 had touches before them \(2 without\)\.$/m);
    assert.match(table.stderr, /^warning: .*order o5 of "u4" has no touch at all/m);
    assert.match(table.stdout, /^Suggested window: 61 days \(reaches the first touch of 90% of orders; 9 days keeps at least one touch for 90%\)\.$/m);
    assert.match(table.stdout, /^covers 90% +61 days +9 days +28 days +3 days +21 days$/m);
    assert.match(table.stdout, /^skincare +2 +61 days$/m);
    assert.match(table.stdout, /^snacks +1 +1 day$/m);
    assert.match(table.stdout, /^90% of journeys have at most 3 touches\.$/m);
    const result = JSON.parse(run(["lag", ...args, "--format", "json"]).stdout);
    assert.deepEqual([result.converting, result.withoutTouches, result.fromFirstTouch.covering, result.touchesTotal], [4, 2, 61, 7]);
    assert.deepEqual(result.fromFirstTouch.buckets.map((b) => b.orders), [1, 0, 0, 1, 0, 1, 0, 1, 0, 0]);
    const module = await engine();
    const inputs = { creators: files.creators, touchpoints: files.touchpoints, orders: files.orders };
    assert.deepEqual(result, module.timeLag(inputs, {}));
    const half = JSON.parse(run(["lag", ...args, "--format", "json", "--coverage", "50"]).stdout);
    assert.equal(half.fromFirstTouch.covering, 5);
    const csv = run(["lag", ...args, "--format", "csv"]).stdout.trim().split("\n");
    assert.equal(csv[0], "histogram,name,from,to,orders,share,cumulative_share,covering");
    assert.ok(csv.includes("category,skincare,61,90,1,0.5,1,61"), csv.join("\n"));
    const refused = run(["lag", ...args, "--coverage", "0"]);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, "kol-attribution: --coverage must be a whole number from 1 to 100 percent, not 0 (LagOptions.coveragePercent)\n");
    // Nothing to measure is said, not divided by.
    writeFileSync(join(dir, "orders.csv"), "order_id,journey_id,timestamp,value\no5,u4,2025-04-15 12:00,50\n");
    const none = run(["lag", ...args]);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /^no order has a touch before it: nothing to measure$/m);
    writeFileSync(join(dir, "orders.csv"), "order_id,journey_id,timestamp,value\no5,u4,someday,50\n");
    const broken = run(["lag", ...args]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /orders\.csv line 2, column 3 \(timestamp\), value "someday"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lag with dated notes gives note age worked by hand: credit by days since publishing, per tier, and how late it came", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-note-age-"));
  try {
    // As src/report/lag/note_age.rs works it: n1 (A's) published 04-01, n2 (B's) 03-01. o1 (05-15) has
    // touches on n1 then n2: half each, n1 at 44 days, n2 at 75. o2 (04-05) has one touch on n1, at 4 days.
    const write = (name, text) => (writeFileSync(join(dir, name), text), join(dir, name));
    const args = [
      "lag",
      "--kols", write("kols.csv", "kol_id,tier\nA,mega\nB,KOC\n"),
      "--touchpoints", write("touches.csv", "journey_id,kol_id,timestamp,note_id\nu1,A,2025-05-01,n1\nu1,B,2025-05-10,n2\nu2,A,2025-04-03,n1\n"),
      "--orders", write("orders.csv", "order_id,journey_id,timestamp,value\no1,u1,2025-05-15,100\no2,u2,2025-04-05,50\n"),
      "--notes", write("notes.csv", "note_id,kol_id,published_at\nn1,A,2025-04-01\nn2,B,2025-03-01\n"),
    ];
    const table = run(args);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^Note age: 2\.0 conversions credited to notes with a publish date/m);
    assert.match(table.stdout, /^days +all +mega +KOC$/m);
    assert.match(table.stdout, /^0–7 +1\.0 +50\.0% +1\.0 +66\.7% +0\.0 +0\.0%$/m);
    assert.match(table.stdout, /^61–90 +0\.5 +25\.0% +0\.0 +0\.0% +0\.5 +100\.0%$/m);
    assert.match(table.stdout, /^Credit more than 30 \/ 60 \/ 90 days after publishing: 50\.0% \/ 25\.0% \/ 0\.0%\.$/m);
    assert.match(table.stdout, /^n1 +A +1\.5 +33\.3% +0\.0% +0\.0%$/m);
    assert.match(table.stdout, /^n2 +B +0\.5 +100\.0% +100\.0% +0\.0%$/m);
    const csv = run([...args, "--format", "csv"]).stdout.trim().split("\n");
    for (const row of ["note_age,,31,60,0.5,0.25,0.75,", "note_age,mega,0,7,1,0.6666666666666666,0.6666666666666666,", "note_after,,60,,2,0.25,,", "note_after,n1,30,,1.5,0.3333333333333333,,"]) {
      assert.ok(csv.includes(row), `${row} in\n${csv.join("\n")}`);
    }
    // Without publish dates there is no note age, and the table says nothing of it.
    const undated = run([...args.slice(0, -2), "--notes", write("undated.csv", "note_id,kol_id\nn1,A\nn2,B\n")]);
    assert.equal(undated.code, 0, undated.stderr);
    assert.doesNotMatch(undated.stdout, /Note age/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("compare says how the orders' promo codes matched the roster's, and --promo-code-touches off adds none", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-codes-"));
  try {
    const write = (name, text) => (writeFileSync(join(dir, name), text), join(dir, name));
    const files = [
      "--kols", write("kols.csv", "kol_id,tier,优惠码\nbig,mega,BIG10\nkoc,KOC,KOC5\n"),
      "--touchpoints", write("touches.csv", "journey_id,kol_id,timestamp,touch_type\nu1,big,2025-04-01 10:00,view\nu2,koc,2025-04-01 10:00,promo_code\n"),
      // o1 typed the KOC's code (no touch logged), o2's code touch is logged, o3's code is no one's.
      "--orders", write("orders.csv", "order_id,journey_id,timestamp,value,coupon_code\no1,u1,2025-04-02 10:00,100,koc 5\no2,u2,2025-04-02 10:00,50,KOC5\no3,u1,2025-04-03 10:00,20,SUMMER\n"),
    ];
    const args = ["compare", ...files, "--windows", "30", "--models", "last_touch", "--level", "creator"];
    const { code, stdout, stderr } = run(args);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /promo codes: 3 orders carry a code, 2 \(66\.7%\) a creator's; 1 touch added; no creator's: "SUMMER" \(1\)/);
    assert.match(stderr, /orders\.csv line 4, column 5 \(coupon_code\), value "SUMMER": 1 codes on 1 orders are no creator's/);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.summary.promoCodes, {
      ordersWithCode: 3,
      matched: 2,
      touchesAdded: 1,
      unmatched: [{ column: "promo_code", code: "SUMMER", orders: 1, line: 4 }],
    });
    // Last touch gives o1 to the KOC through the added touch; o3 has no touch since o1 (its code is no one's).
    const credit = (r, channel) => r.windows[0].creators.credits.find((c) => c.channel === channel).value;
    assert.deepEqual([credit(report, "big"), credit(report, "koc")], ["0.00", "150.00"]);
    const off = run([...args, "--promo-code-touches", "off"]);
    assert.equal(off.code, 0, off.stderr);
    assert.match(off.stderr, /2 \(66\.7%\) a creator's; 0 touches added/);
    // Without the added touch o1 goes to big, whose view is its only touch.
    assert.deepEqual([credit(JSON.parse(off.stdout), "big"), credit(JSON.parse(off.stdout), "koc")], ["100.00", "50.00"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("compare --format csv gives each window's credit per sales channel, summing to the creators' to the fen", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-sales-"));
  try {
    const write = (name, text) => (writeFileSync(join(dir, name), text), join(dir, name));
    const files = [
      "--kols", write("kols.csv", "kol_id,tier\nbig,mega\nmid,mid-tier\nkoc,KOC\n"),
      "--touchpoints", write("touches.csv", "journey_id,kol_id,timestamp,touch_type\nu1,big,2025-04-01 10:00,view\nu1,koc,2025-04-09 10:00,click\nu2,mid,2025-04-05 10:00,save\nu3,big,2025-04-02 10:00,view\n"),
      "--orders", write("orders.csv", "order_id,journey_id,timestamp,value,refunded_amount,channel\no1,u1,2025-04-10 10:00,300,,天猫\no2,u2,2025-04-06 10:00,100,,小红书\no3,u3,2025-04-03 10:00,50,10,jd\n"),
    ];
    const { code, stdout, stderr } = run(["compare", ...files, "--windows", "30", "--models", "linear,platform_last_click,markov", "--format", "csv"]);
    assert.equal(code, 0, stderr);
    const rows = stdout.trim().split("\n").map((line) => line.split(","));
    const sales = rows.filter((r) => r[1] === "sales_channel");
    // By hand: linear credits each whole order to its channel; the platform only the KOC's click before the Tmall order.
    const cells = (model) => sales.filter((r) => r[2] === model).map((r) => [r[3], r[6], r[8]]);
    assert.deepEqual(cells("linear"), [["xhs_shop", "100.00", "100.00"], ["tmall", "300.00", "300.00"], ["jd", "50.00", "40.00"]]);
    assert.deepEqual(cells("platform_last_click"), [["xhs_shop", "0.00", "0.00"], ["tmall", "300.00", "300.00"], ["jd", "0.00", "0.00"]]);
    const fen = (values) => values.reduce((sum, v) => sum + Math.round(Number(v) * 100), 0);
    const creators = rows.filter((r) => r[1] === "creator" && r[2] === "markov").map((r) => r[6]);
    assert.equal(fen(cells("markov").map((c) => c[1])), fen(creators), "markov's channels sum to its creators'");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("commission: the platform's rule pays only on the channels it tracks, each channel with its own fee", () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-channels-"));
  try {
    const write = (name, text) => (writeFileSync(join(dir, name), text), join(dir, name));
    const files = [
      "--kols", write("k.csv", "kol_id,tier,commission_rate\nbig,mega,10%\nkoc,KOC,20%\n"),
      "--touchpoints", write("t.csv", "journey_id,kol_id,timestamp,touch_type\nu1,koc,2025-04-09 10:00,click\nu2,koc,2025-04-09 10:00,click\nu3,big,2025-04-09 10:00,click\n"),
      "--orders", write("o.csv", "order_id,journey_id,timestamp,value,channel\no1,u1,2025-04-10 10:00,300,xhs_shop\no2,u2,2025-04-10 10:00,200,天猫\no3,u3,2025-04-10 10:00,100,d2c\n"),
    ];
    const args = ["commission", ...files, "--platform-channels", "xhs_shop", "--platform-fee-on", "tmall=2%", "--platform-fee-on", "官网=0%"];
    const { code, stdout, stderr } = run(args);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout);
    // By hand: only o1 pays, 20% of 300; fees 5% of 300, 2% of 200, nothing on the brand's site.
    assert.deepEqual(report.salesChannels.map((c) => [c.channel, c.creditedNetValue, c.commission, c.platformFee, c.returnOnSpend]), [
      ["xhs_shop", "300.00", "60.00", "15.00", 4],
      ["tmall", "0.00", "0.00", "4.00", 0],
      ["d2c", "0.00", "0.00", "0.00", null],
    ]);
    assert.equal(report.totals.platformFee, "19.00");
    const fair = JSON.parse(run([...args, "--basis", "linear:30"]).stdout);
    assert.deepEqual(fair.salesChannels.map((c) => c.commission), ["60.00", "40.00", "10.00"]);
    assert.match(run([...args, "--platform-channels", "tmal"]).stderr, /--platform-channels tmal: no such sales channel; the channels are xhs_shop, tmall, jd, d2c, other/);
    assert.match(run([...args, "--platform-channels", "xhs_shop,"]).stderr, /bad --platform-channels "xhs_shop,"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("compare: the window by category (tests/golden_category_windows.rs) beside a fixed window, with its table, warnings and bad tables named", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kol-category-"));
  try {
    const inputs = {
      creators: "kol_id,tier\nA,mega\nB,KOC\n",
      touchpoints:
        "journey_id,kol_id,timestamp,touch_type\nu1,A,2025-03-01 12:00,view\nu1,B,2025-04-10 12:00,click\nu2,A,2025-03-26 12:00,view\n" +
        "u2,B,2025-04-13 12:00,view\nu3,A,2025-03-01 12:00,view\nu3,B,2025-04-05 12:00,save\nu4,A,2025-03-06 12:00,view\nu5,B,2025-03-20 12:00,view\n",
      orders:
        "order_id,journey_id,timestamp,value,category\no1,u1,2025-04-15 12:00,300.00,skincare\no2,u2,2025-04-15 12:00,100.00,snacks\n" +
        "o4,u4,2025-04-15 12:00,50.00,toys\no5,u5,2025-04-15 12:00,20.00,\n",
    };
    for (const [name, text] of Object.entries(inputs)) writeFileSync(join(dir, `${name}.csv`), text);
    const files = ["--kols", join(dir, "creators.csv"), "--touchpoints", join(dir, "touchpoints.csv"), "--orders", join(dir, "orders.csv")];
    const csv = run(["compare", ...files, "--windows", "30,category", "--models", "linear", "--intervals", "0", "--format", "csv"]);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.split("\n");
    // By hand: at 30 days o1 reaches B only and o2 both; by category o1 (skincare, 60) both and o2 (snacks, 14) B only.
    assert.ok(lines.includes("30,creator,linear,A,0.5,0.125,50.00,0.10638297872340426,50.00,50.00,,,"), csv.stdout);
    assert.ok(lines.some((l) => l.startsWith("category,creator,linear,A,0.5,0.125,150.00,")), csv.stdout);
    assert.ok(lines.some((l) => l.startsWith("category,creator,linear,B,2.5,0.625,270.00,")), csv.stdout);
    assert.match(csv.stderr, /orders\.csv line 4, value "toys": category "toys" \(1 order\) is not in the window by category's table: it looks back the other categories' 30 days/);
    assert.match(csv.stderr, /^note: the window by category's table names luxury, which no order has$/m);
    // --category-windows alone turns it on with its own table, the engine's report to the bit.
    const table = run(["compare", ...files, "--category-windows", "skincare=30,snacks=60", "--category-windows", "other=7", "--intervals", "20"]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stderr, /window 7 of 7, by category\.\.\.$/m);
    const module = await engine();
    const options = { categoryWindows: { enabled: true, days: { skincare: 30, snacks: 60 }, otherDays: 7 }, intervals: { resamples: 20 }, input: { now: Math.floor(Date.now() / 1000) } };
    const once = module.campaignReport(inputs, options);
    assert.deepEqual(JSON.parse(table.stdout), once);
    assert.deepEqual(once.windows.at(-1).byCategory.categories.map((c) => [c.category, c.days, c.orders]), [["skincare", 30, 1], ["snacks", 60, 1]]);
    for (const [args, message] of [
      [["--category-windows", "skincare=-5"], /bad --category-windows skincare=-5: skincare's days must be a whole number from 1 to 3650, not -5/],
      [["--category-windows", "skincare=3651"], /skincare's days must be a whole number from 1 to 3650, not 3651/],
      [["--category-windows", "=30"], /bad --category-windows =30: a category needs a name/],
      [["--category-windows", "skincare=60,skincare=14"], /--category-windows gives skincare twice: give it once/],
      [["--category-windows", "skincare"], /bad --category-windows skincare: write CATEGORY=DAYS/],
      [["--windows", "category,abc"], /bad --windows: abc: write whole days separated by commas/],
    ]) {
      const refused = run(["compare", ...files, ...args]);
      assert.equal(refused.code, 2, args.join(" "));
      assert.match(refused.stderr, message);
    }
    // The engine's own check, through the JS API, names the entry and the value.
    assert.throws(() => module.campaignReport(inputs, { categoryWindows: { enabled: true, days: { skincare: 0 } } }), (e) => e.option === "categoryWindows.days.skincare" && e.message.includes('= "0"'));
    assert.throws(() => module.campaignReport(inputs, { categoryWindows: { days: { skincare: -5 } } }), (e) => e.option === "categoryWindows.days.skincare" && /1 to 3650 days/.test(e.message));
    assert.equal(run(["compare", "--paths", fixture("golden.csv"), "--category-windows", "skincare=60"]).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
