// Labels in English or Chinese. English text is the key, so a label without a translation still
// reads; `{name}` marks where a value goes. Numbers and money are formatted the same in both
// (¥, thousands separators), as Chinese business documents write them.

export type Lang = "en" | "zh";

let current: Lang = "en";

/** Sets the language of everything rendered from now on (rendering is synchronous). */
export function setLanguage(lang: Lang): void {
  current = lang;
}

/** `text` in the current language, with `{name}` replaced by `values[name]`. */
export function tr(text: string, values: Record<string, string | number> = {}): string {
  const template = current === "zh" ? (ZH[text] ?? text) : text;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

const ZH: Record<string, string> = {
  "First touch": "首次触点",
  "Last touch": "末次触点",
  Linear: "线性",
  "Time decay": "时间衰减",
  "Position-based": "位置加权",
  "Touch-weighted": "触点类型加权",
  "Platform click": "平台点击",
  Markov: "马尔可夫",
  Shapley: "沙普利",
  "{model} at {days} days": "{model}（{days} 天）",
  "90% bootstrap interval of this share (journeys resampled with replacement)": "该份额的 90% 自助法区间（对旅程有放回重抽样）",
  new: "新增",
  "Value credited by each model; changes against {baseline}.": "各模型归因的价值；变化相对于{baseline}。",
  Channel: "渠道",
  "{count} conv · {share}": "{count} 单 · {share}",
  "{amount} · {count} conv": "{amount} · {count} 单",
  "net of refunds {amount}; {share} of conversions": "退款后 {amount}；占转化 {share}",
  "Credited to no one": "未归因",
  Total: "合计",
  "{tier}'s share of all order value, by model and lookback window; change in points against {baseline}.":
    "{tier} 占全部订单价值的份额，按模型与回溯窗口；变化（百分点）相对于{baseline}。",
  Model: "模型",
  "{days} d": "{days} 天",
  "{points} pt": "{points} 个百分点",
  locked: "已锁定",
  "at its minimum": "已到下限",
  "at its maximum": "已到上限",
  "no spend now: held at ¥0": "当前无花费：保持 ¥0",
  "Proposed spend per tier, {days}-day window, {method}: budget {budget} (now {now}).": "各层级建议花费，{days} 天窗口，{method}：预算 {budget}（当前 {now}）。",
  "following the credit": "按归因比例分配",
  "equalizing marginal return": "使边际回报相等",
  Tier: "层级",
  "Spend now": "当前花费",
  "net value": "净销售额",
  conversions: "转化",
  "expects {amount}": "预计 {amount}",
  "next ¥1 → {value}": "下一元 → {value}",
  "Expected {unit} at this spend: {expected} (attributed now: {now})": "此花费下预计{unit}：{expected}（当前归因：{now}）",
  "Expected {unit} (lift)": "预计{unit}（提升）",
  "Σ expected {unit} of the tiers at the proposal, and its change over today's split": "建议方案下各层级预计{unit}之和，及相对当前分配的变化",
  "What the models disagree on: the range of proposed spend per tier across models.": "模型分歧：各层级建议花费在不同模型间的范围。",
  Least: "最少",
  Most: "最多",
  Spread: "差距",
  "Attributed credit by creator tier": "按达人层级的归因价值",
  "{days} days": "{days} 天",
  "Lookback window": "回溯窗口",
  "{creators} creators · {orders} orders · {net} net of refunds · {journeys} journeys": "{creators} 位达人 · {orders} 笔订单 · 退款后 {net} · {journeys} 条用户旅程",
  "Share of one tier, by model and window": "单一层级的份额，按模型与窗口",
  "Next budget, equalizing marginal return": "下期预算：使边际回报相等",
  "Computing…": "计算中…",
  "line {line}": "第 {line} 行",
  "column {column}": "第 {column} 列",
};
