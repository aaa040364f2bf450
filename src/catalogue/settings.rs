//! Every option: its group and JSON path, CLI flag, bounds, default, unit and help. The options
//! structs take their defaults from these entries and check values against them.

use super::{Group, Kind, MAX_WINDOW_DAYS, Number, Setting, Text};

const WINDOW: f64 = MAX_WINDOW_DAYS as f64;
/// The largest integer a JSON number (a JS double) holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

const fn text(en: &'static str, zh: &'static str) -> Text {
    Text { en, zh }
}

const fn touch_weight(path: &'static str, default: f64, label: Text) -> Setting {
    Setting::new(
        Group::Model,
        path,
        Kind::Number(Number::real(0.0, 100.0, 0.5, default)),
        label,
        text(
            "How much this kind of touch counts in the touch-weighted model (0 to 100).",
            "触点类型加权模型中此类触点的权重（0 到 100）。",
        ),
    )
    .of_model("touch_weighted")
}

// ---- The models' parameters (`ModelOptions`) ----

/// `time_decay`: days for a touch's weight to halve.
pub const HALF_LIFE_DAYS: Setting = Setting::new(
    Group::Model,
    "halfLifeDays",
    Kind::Number(Number::real(0.0, WINDOW, 0.5, 7.0).above()),
    text("Time decay half-life (days)", "时间衰减半衰期（天）"),
    text(
        "Days for a touch's weight to halve: shorter favours the touches just before the order.",
        "触点权重减半所需天数：越短越偏向下单前的触点。",
    ),
)
.flag("half-life", "DAYS")
.unit("days")
.of_model("time_decay");

/// `position_based`: the first touch's share.
pub const FIRST_SHARE: Setting = Setting::new(
    Group::Model,
    "firstShare",
    Kind::Number(Number::real(0.0, 1.0, 0.05, 0.4)),
    text("Position-based: first touch", "位置加权：首次触点"),
    text(
        "Share of the first touch (0 to 1); the middle touches split what first and last leave.",
        "首次触点的份额（0 到 1）；中间触点平分首末之外的部分。",
    ),
)
.flag("first-share", "SHARE")
.of_model("position_based");

/// `position_based`: the last touch's share.
pub const LAST_SHARE: Setting = Setting::new(
    Group::Model,
    "lastShare",
    Kind::Number(Number::real(0.0, 1.0, 0.05, 0.4)),
    text("Position-based: last touch", "位置加权：末次触点"),
    text(
        "Share of the last touch (0 to 1); first and last together at most 1.",
        "末次触点的份额（0 到 1）；首末之和不超过 1。",
    ),
)
.flag("last-share", "SHARE")
.of_model("position_based");

/// `touch_weighted`: a view's weight.
pub const WEIGHT_VIEW: Setting = touch_weight("touchWeights.view", 1.0, text("view", "浏览"));
/// `touch_weighted`: a like's weight.
pub const WEIGHT_LIKE: Setting = touch_weight("touchWeights.like", 1.0, text("like", "点赞"));
/// `touch_weighted`: a comment's weight.
pub const WEIGHT_COMMENT: Setting = touch_weight("touchWeights.comment", 2.0, text("comment", "评论"));
/// `touch_weighted`: a save's weight.
pub const WEIGHT_SAVE: Setting = touch_weight("touchWeights.save", 3.0, text("save", "收藏"));
/// `touch_weighted`: a click's weight.
pub const WEIGHT_CLICK: Setting = touch_weight("touchWeights.click", 3.0, text("click", "点击"));
/// `touch_weighted`: a QR scan's weight.
pub const WEIGHT_QR_SCAN: Setting = touch_weight("touchWeights.qrScan", 4.0, text("QR scan", "扫码"));
/// `touch_weighted`: a promo code's weight.
pub const WEIGHT_PROMO_CODE: Setting = touch_weight("touchWeights.promoCode", 5.0, text("promo code", "优惠码"));
/// `touch_weighted`: any other touch's weight.
pub const WEIGHT_OTHER: Setting = touch_weight("touchWeights.other", 1.0, text("other", "其他"));

/// `linear`: split among distinct creators instead of touches.
pub const UNIQUE_CREATORS: Setting = Setting::new(
    Group::Model,
    "uniqueCreators",
    Kind::Flag { default: false },
    text("Linear: once per creator", "线性：每位达人计一次"),
    text("Split a journey equally among its creators instead of its touches.", "按达人而非触点平分一条用户旅程。"),
)
.flag("unique-creators", "")
.of_model("linear");

/// `platform_last_click`: how long a click counts before the order.
pub const CLICK_WINDOW_HOURS: Setting = Setting::new(
    Group::Model,
    "clickWindowHours",
    Kind::Number(Number::whole(1.0, 720.0, 72.0)),
    text("Platform click window (hours)", "平台点击窗口（小时）"),
    text(
        "How long a click earns the platform's commission before the order (1 to 720).",
        "点击在下单前多长时间内可获得平台佣金（1 到 720）。",
    ),
)
.flag("click-window", "HOURS")
.unit("hours")
.of_model("platform_last_click");

/// `markov`: how many past channels a state remembers.
pub const MARKOV_ORDER: Setting = Setting::new(
    Group::Model,
    "markovOrder",
    Kind::Number(Number::whole(1.0, 4.0, 1.0)),
    text("Markov order", "马尔可夫阶数"),
    text(
        "How many past creators a state remembers (1 to 4): higher sees sequences, needs more journeys.",
        "状态记住的历史达人数（1 到 4）：越高越能看到顺序，也需要更多用户旅程。",
    ),
)
.flag("markov-order", "N")
.of_model("markov");

/// `markov`: a creator repeated back to back is one touch.
pub const COLLAPSE_REPEATS: Setting = Setting::new(
    Group::Model,
    "collapseRepeats",
    Kind::Flag { default: false },
    text("Markov: merge repeats", "马尔可夫：合并重复"),
    text("Read a creator seen twice in a row as one touch.", "连续两次出现的同一达人视为一个触点。"),
)
.flag("collapse-repeats", "")
.of_model("markov");

/// `shapley`: random orders for a set too large to enumerate.
pub const SHAPLEY_PERMUTATIONS: Setting = Setting::new(
    Group::Model,
    "shapleyPermutations",
    Kind::Number(Number::whole(10.0, 1_000_000.0, 2000.0)),
    text("Shapley: sampled orders", "沙普利：抽样排列数"),
    text(
        "Random orders drawn for a set of more than 12 creators, too large to enumerate.",
        "达人组合超过 12 人无法穷举时抽取的随机排列数。",
    ),
)
.flag("shapley-permutations", "N")
.of_model("shapley");

/// The seed of every random draw.
pub const SEED: Setting = Setting::new(
    Group::Model,
    "seed",
    Kind::Number(Number::whole(0.0, MAX_SAFE_INTEGER, 7.0)),
    text("Random seed", "随机种子"),
    text(
        "Seed of every random draw (Shapley's sampled orders, bootstrap resamples): the same seed, the same numbers.",
        "所有随机抽样的种子（沙普利抽样、自助法重抽样）：种子相同，结果相同。",
    ),
)
.flag("seed", "S");

// ---- The report (`ReportOptions`) ----

/// Which models to compute.
pub const MODELS_SETTING: Setting = Setting::new(
    Group::Report,
    "models",
    Kind::Models,
    text("Models", "模型"),
    text(
        "Which models the tables and charts compare; the baseline is computed either way.",
        "表格与图表比较哪些模型；基准模型无论是否勾选都会计算。",
    ),
)
.flag("models", "LIST");

/// The lookback windows.
pub const WINDOWS: Setting = Setting::new(
    Group::Report,
    "windows",
    Kind::Windows { default: &[7, 14, 30, 60, 90, 120] },
    text("Lookback windows (days)", "回溯窗口（天）"),
    text(
        "Lookback windows in days, comma-separated: how long before an order a touch still counts.",
        "回溯窗口天数，逗号分隔：下单前多久的触点仍然计入。",
    ),
)
.flag("windows", "LIST")
.unit("days");

/// The model every cell is compared against.
pub const BASELINE_MODEL: Setting = Setting::new(
    Group::Report,
    "baseline.model",
    Kind::Model { basis_only: false, default: "last_touch" },
    text("Baseline model", "基准模型"),
    text("Every change is shown against this model.", "所有变化都相对于这个模型显示。"),
);

/// The baseline's window.
pub const BASELINE_DAYS: Setting = Setting::new(
    Group::Report,
    "baseline.days",
    Kind::Number(Number::whole(1.0, WINDOW, 30.0)),
    text("Baseline window (days)", "基准窗口（天）"),
    text("Changes are measured against the baseline model at this window.", "变化相对于该窗口下的基准模型计算。"),
)
.flag("baseline-days", "DAYS")
.unit("days");

/// Creators, tiers or both.
pub const LEVEL: Setting = Setting::new(
    Group::Report,
    "level",
    Kind::Choice { values: &["both", "creator", "tier"], default: "both" },
    text("Level", "层面"),
    text("Credit per creator, per tier, or both.", "按达人、按层级或两者都给出归因。"),
)
.flag("level", "L");

/// Bootstrap resamples for the tiers' 90% intervals.
pub const RESAMPLES: Setting = Setting::new(
    Group::Report,
    "intervals.resamples",
    Kind::Number(Number::whole(0.0, 10_000.0, 200.0)),
    text("Interval resamples", "区间重抽样次数"),
    text(
        "Bootstrap resamples for the tiers' 90% intervals (0 for none).",
        "层级 90% 区间的自助法重抽样次数（0 表示不计算）。",
    ),
)
.flag("intervals", "N");

/// A generated campaign's truth, to score every model against.
pub const TRUTH: Setting = Setting::new(
    Group::Report,
    "truth",
    Kind::Structured { syntax: "FILE (a sample's truth.json)" },
    text("Known truth", "已知真值"),
    text(
        "A sample's truth.json: score every model against the known incremental conversions.",
        "样例的 truth.json：用已知的增量转化为每个模型打分。",
    ),
)
.flag("truth", "FILE");

// ---- How to read a campaign (`CampaignOptions`) ----

/// Tier names and follower thresholds.
pub const TIERS: Setting = Setting::new(
    Group::Campaign,
    "tiers",
    Kind::Structured { syntax: "NAME:MIN_FOLLOWERS" },
    text("Tiers", "层级"),
    text(
        "Tier names and the fewest followers of each (default mega 500K, mid-tier 50K, micro 5K, KOC 0); an explicit tier column wins.",
        "层级名称及各层最低粉丝数（默认头部 50 万、腰部 5 万、尾部 5 千、KOC 0）；名单中明确写出的层级优先。",
    ),
);

/// Minutes east of UTC for times written without an offset.
pub const UTC_OFFSET_MINUTES: Setting = Setting::new(
    Group::Campaign,
    "utcOffsetMinutes",
    Kind::Number(Number::whole(-1080.0, 1080.0, 480.0)),
    text("Time zone (minutes east of UTC)", "时区（UTC 以东分钟数）"),
    text(
        "Minutes east of UTC for times written without an offset (480 is China).",
        "未写时区的时间按 UTC 以东多少分钟读取（480 为中国）。",
    ),
)
.flag("utc-offset", "MIN")
.unit("minutes");

/// Which header holds which field.
pub const COLUMNS: Setting = Setting::new(
    Group::Campaign,
    "columns",
    Kind::Structured { syntax: "FILE.FIELD=HEADER" },
    text("Column mapping", "列映射"),
    text(
        "Read a field from a column of another name, e.g. orders.value=实付款 (repeatable).",
        "从其他名称的列读取字段，如 orders.value=实付款（可重复）。",
    ),
)
.flag("map", "FILE.FIELD=HEADER");

/// The present, to flag future dates.
pub const NOW: Setting = Setting::new(
    Group::Campaign,
    "now",
    Kind::Number(Number::whole(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER, 0.0)),
    text("Now (Unix seconds)", "当前时间（Unix 秒）"),
    text(
        "The present, to flag dates in the future; the CLI and page set it to the clock's time.",
        "用于标出未来日期的当前时间；命令行与页面自动取系统时间。",
    ),
)
.unit("seconds");

// ---- Comparing a paths file (`CompareOptions`) ----

/// Text between channels in a path.
pub const SEPARATOR: Setting = Setting::new(
    Group::Compare,
    "paths.separator",
    Kind::Text { default: " > " },
    text("Path separator", "路径分隔符"),
    text(
        "Text between channels in a path; spaces around channels are trimmed.",
        "路径中渠道之间的文字；渠道两侧空格会被去掉。",
    ),
)
.flag("sep", "TEXT");

/// The paths file's cell delimiter.
pub const DELIMITER: Setting = Setting::new(
    Group::Compare,
    "paths.delimiter",
    Kind::Structured { syntax: "one ASCII character" },
    text("Cell delimiter", "单元格分隔符"),
    text(
        "Cell delimiter; detected from the header row (comma, tab or semicolon) when absent.",
        "单元格分隔符；不填时从表头识别（逗号、制表符或分号）。",
    ),
);

/// The paths file's header names.
pub const PATH_COLUMNS: Setting = Setting::new(
    Group::Compare,
    "paths.columns",
    Kind::Structured { syntax: "FIELD=HEADER" },
    text("Paths columns", "路径文件列名"),
    text(
        "Header names of the paths file (path, total_conversions, total_conversion_value, total_null, total_net_value, window_days).",
        "路径文件的表头名称（path、total_conversions、total_conversion_value、total_null、total_net_value、window_days）。",
    ),
);

/// Which models to compute on the paths.
pub const COMPARE_MODELS: Setting = Setting::new(
    Group::Compare,
    "models",
    Kind::Models,
    text("Models", "模型"),
    text(
        "Which models to compute; on plain paths only those that need no touch times or types.",
        "计算哪些模型；普通路径文件只能计算不需要触点时间与类型的模型。",
    ),
)
.flag("models", "LIST");

/// The model every cell of a paths comparison is compared against.
pub const COMPARE_BASELINE: Setting = Setting::new(
    Group::Compare,
    "baseline",
    Kind::Model { basis_only: false, default: "last_touch" },
    text("Baseline model", "基准模型"),
    text("Every change is shown against this model.", "所有变化都相对于这个模型显示。"),
);

// ---- Money (`MoneyOptions`) ----

/// Which model decides who earns commission.
pub const BASIS_MODEL: Setting = Setting::new(
    Group::Money,
    "basis.model",
    Kind::Model { basis_only: true, default: "platform_last_click" },
    text("Commission follows", "佣金依据"),
    text(
        "Platform click is what Pugongying pays; another model shows what a fair scheme would pay.",
        "平台点击即蒲公英实际支付方式；其他模型显示更公平的方案会付多少。",
    ),
);

/// The commission basis's window.
pub const BASIS_DAYS: Setting = Setting::new(
    Group::Money,
    "basis.days",
    Kind::Number(Number::whole(1.0, WINDOW, 30.0)),
    text("Commission window (days)", "佣金窗口（天）"),
    text(
        "The lookback window of the model that decides commission (not used by platform click).",
        "决定佣金的模型所用的回溯窗口（平台点击不使用）。",
    ),
)
.flag("basis-days", "DAYS")
.unit("days");

/// The rate for creators without their own or a category rate.
pub const DEFAULT_RATE: Setting = Setting::new(
    Group::Money,
    "defaultRate",
    Kind::Rate { default: "0.10" },
    text("Default commission rate", "默认佣金比例"),
    text(
        "For creators without their own rate or a category rate, e.g. 10% or 0.1.",
        "用于没有自身比例或类目比例的达人，如 10% 或 0.1。",
    ),
)
.flag("default-rate", "RATE");

/// Commission rates per roster category.
pub const CATEGORY_RATES: Setting = Setting::new(
    Group::Money,
    "categoryRates",
    Kind::Structured { syntax: "CATEGORY=RATE" },
    text("Rate per category", "类目佣金比例"),
    text(
        "Commission rate for a roster category (repeatable), e.g. skincare=20%.",
        "名单中某类目的佣金比例（可重复），如 skincare=20%。",
    ),
)
.flag("category-rate", "CATEGORY=RATE");

/// Days before commission is payable.
pub const HOLDING_DAYS: Setting = Setting::new(
    Group::Money,
    "holdingDays",
    Kind::Number(Number::whole(0.0, 90.0, 15.0)),
    text("Holding period (days)", "考察期（天）"),
    text(
        "Days after an order before commission is payable; returns inside it cancel it (0 to 90).",
        "下单后多少天佣金可支付；期间退货则取消（0 到 90）。",
    ),
)
.flag("holding-days", "N")
.unit("days");

/// The date statuses are given at.
pub const AS_OF: Setting = Setting::new(
    Group::Money,
    "asOf",
    Kind::Date,
    text("Statuses as of", "状态截至"),
    text(
        "The date payout statuses are given at (default: the latest date in the data).",
        "付款状态所依据的日期（默认：数据中最晚的日期）。",
    ),
)
.flag("as-of", "YYYY-MM-DD");

/// Performance bonuses.
pub const BONUSES: Setting = Setting::new(
    Group::Money,
    "bonuses",
    Kind::Structured { syntax: "[TIER:]THRESHOLD:AMOUNT" },
    text("Performance bonuses", "业绩奖励"),
    text(
        "A bonus when a creator's attributed net value reaches a threshold (repeatable), e.g. mega:100000:5000.",
        "达人归因净值达到门槛时的奖励（可重复），如 mega:100000:5000。",
    ),
)
.flag("bonus", "[TIER:]T:A");

/// The platform's transaction fee.
pub const PLATFORM_FEE_RATE: Setting = Setting::new(
    Group::Money,
    "platformFeeRate",
    Kind::Rate { default: "0.05" },
    text("Platform fee", "平台服务费"),
    text(
        "The platform's transaction fee on order value, a brand-side cost, e.g. 5%.",
        "平台按订单金额收取的交易服务费，由品牌承担，如 5%。",
    ),
)
.flag("platform-fee", "RATE");

/// The platform's fee per product category.
pub const PLATFORM_FEE_RATES: Setting = Setting::new(
    Group::Money,
    "platformFeeRates",
    Kind::Structured { syntax: "CATEGORY=RATE" },
    text("Platform fee per category", "类目平台服务费"),
    text(
        "The platform's fee for orders of a product category (the orders' category column), repeatable.",
        "某商品类目（订单的 category 列）的平台服务费，可重复。",
    ),
)
.flag("platform-fee-for", "CATEGORY=RATE");

// ---- Budget (`BudgetOptions`) ----

/// Next period's budget.
pub const BUDGET: Setting = Setting::new(
    Group::Budget,
    "budget",
    Kind::Amount { default: None },
    text("Next period's budget", "下期预算"),
    text(
        "Next period's budget (default: what the tiers cost now: fees, commission and bonuses).",
        "下期预算（默认：各层级当前成本：费用、佣金与奖励）。",
    ),
)
.flag("budget", "AMOUNT");

/// What a tier's return is counted in.
pub const METRIC: Setting = Setting::new(
    Group::Budget,
    "metric",
    Kind::Choice { values: &["net_value", "conversions"], default: "net_value" },
    text("Return counted as", "回报口径"),
    text("What a tier returns: net value after refunds, or conversions.", "层级回报按退款后净值或转化数计。"),
)
.flag("metric", "M");

/// The response curve's family.
pub const CURVE: Setting = Setting::new(
    Group::Budget,
    "curve",
    Kind::Choice { values: &["hill", "power"], default: "hill" },
    text("Response curve", "响应曲线"),
    text(
        "hill: saturating, R = c·s^k/(s^k + h^k); power: R = c·s^b.",
        "hill：饱和型，R = c·s^k/(s^k + h^k)；power：R = c·s^b。",
    ),
)
.flag("curve", "C");

/// Hill: half-saturation as a multiple of current spend.
pub const HALF_SATURATION: Setting = Setting::new(
    Group::Budget,
    "halfSaturation",
    Kind::Number(Number::real(0.05, 20.0, 0.05, 1.0).because("a multiple of the tier's current spend")),
    text("Half-saturation", "半饱和点"),
    text(
        "Hill: the spend at which a tier reaches half its ceiling, as a multiple of its current spend.",
        "hill：层级达到上限一半时的花费，以当前花费的倍数表示。",
    ),
)
.flag("half-saturation", "X");

/// Hill: steepness.
pub const SLOPE: Setting = Setting::new(
    Group::Budget,
    "slope",
    Kind::Number(
        Number::real(0.1, 1.0, 0.05, 1.0)
            .because("above 1 the Hill curve turns S-shaped and equal marginal returns no longer mark the best split"),
    ),
    text("Slope", "陡度"),
    text("Hill: steepness k, 0.1 to 1; lower flattens the curve.", "hill：陡度 k，0.1 到 1；越低曲线越平。"),
)
.flag("slope", "K");

/// Power: the exponent.
pub const EXPONENT: Setting = Setting::new(
    Group::Budget,
    "exponent",
    Kind::Number(Number::real(0.05, 0.95, 0.05, 0.5).because("below 1 for diminishing returns")),
    text("Exponent", "指数"),
    text(
        "Exponent of the power curve, 0.05 to 0.95: 0.5 means four times the spend returns twice as much.",
        "幂函数曲线的指数，0.05 到 0.95：0.5 表示四倍花费带来两倍回报。",
    ),
)
.flag("exponent", "B");

/// Per-tier limits.
pub const CONSTRAINTS: Setting = Setting::new(
    Group::Budget,
    "constraints",
    Kind::Structured { syntax: "TIER=AMOUNT or TIER=MULTIPLEx" },
    text("Tier limits", "层级限额"),
    text(
        "Least and most a tier may get, an amount or a multiple of its current spend (mega=50000, koc=0.5x), or locked at its current spend.",
        "层级可得的最少与最多金额，可写金额或当前花费的倍数（mega=50000、koc=0.5x），或锁定在当前花费。",
    ),
);

// ---- Exports of one window (`PathsExport`, `MarkovExport`) ----

/// The exported window.
pub const EXPORT_DAYS: Setting = Setting::new(
    Group::PathsExport,
    "days",
    Kind::Number(Number::whole(1.0, WINDOW, 30.0)),
    text("Lookback window (days)", "回溯窗口（天）"),
    text("The lookback window of the journeys exported.", "导出旅程所用的回溯窗口。"),
)
.flag("window", "DAYS")
.unit("days");

/// Creator or tier channels in the export.
pub const EXPORT_LEVEL: Setting = Setting::new(
    Group::PathsExport,
    "level",
    Kind::Choice { values: &["creator", "tier"], default: "creator" },
    text("Level", "层面"),
    text("Creators or tiers as the path's channels.", "以达人或层级作为路径中的渠道。"),
)
.flag("level", "L");

/// Value after refunds in the export.
pub const EXPORT_NET: Setting = Setting::new(
    Group::PathsExport,
    "net",
    Kind::Flag { default: true },
    text("Value after refunds", "退款后金额"),
    text(
        "Write value after refunds (the CLI's --gross writes value before refunds).",
        "写入退款后金额（命令行 --gross 写入退款前金额）。",
    ),
);

/// Touch types and ages in the export.
pub const EXPORT_EVENTS: Setting = Setting::new(
    Group::PathsExport,
    "events",
    Kind::Flag { default: false },
    text("Touch types and ages", "触点类型与时长"),
    text("Add each converting path's touch_types and touch_ages_seconds, so time decay, touch-weighted and the platform's click can run on the file.", "为每条转化路径加入 touch_types 与 touch_ages_seconds，使时间衰减、触点类型加权与平台点击也能在该文件上运行。"),
)
.flag("events", "");

/// The Markov chain's window.
pub const MARKOV_DAYS: Setting = Setting::new(
    Group::MarkovExport,
    "days",
    Kind::Number(Number::whole(1.0, WINDOW, 30.0)),
    text("Lookback window (days)", "回溯窗口（天）"),
    text("The lookback window of the journeys the chain is fitted on.", "拟合马尔可夫链所用旅程的回溯窗口。"),
)
.flag("window", "DAYS")
.unit("days");

/// Creator or tier states.
pub const MARKOV_LEVEL: Setting = Setting::new(
    Group::MarkovExport,
    "level",
    Kind::Choice { values: &["creator", "tier"], default: "creator" },
    text("Level", "层面"),
    text("Creators or tiers as the chain's states.", "以达人或层级作为马尔可夫链的状态。"),
)
.flag("level", "L");

/// The chain's order.
pub const MARKOV_EXPORT_ORDER: Setting = Setting::new(
    Group::MarkovExport,
    "order",
    Kind::Number(Number::whole(1.0, 4.0, 1.0)),
    text("Markov order", "马尔可夫阶数"),
    text("Channels a state remembers, 1 to 4.", "状态记住的渠道数，1 到 4。"),
)
.flag("order", "N");

/// Repeats merged in the chain.
pub const MARKOV_EXPORT_COLLAPSE: Setting = Setting::new(
    Group::MarkovExport,
    "collapseRepeats",
    Kind::Flag { default: false },
    text("Merge repeats", "合并重复"),
    text("A channel repeated back to back counts once.", "连续重复的渠道只计一次。"),
)
.flag("collapse-repeats", "");

// ---- The sample generator (`SampleOptions`) ----

/// Users, converting or not.
pub const SAMPLE_JOURNEYS: Setting = Setting::new(
    Group::Sample,
    "journeys",
    Kind::Number(Number::whole(1.0, 5_000_000.0, 3000.0)),
    text("Journeys", "用户旅程数"),
    text("Users, converting or not.", "用户数（无论是否转化）。"),
)
.flag("journeys", "N");

/// Creators in the sample.
pub const SAMPLE_CREATORS: Setting = Setting::new(
    Group::Sample,
    "creators",
    Kind::Number(Number::whole(4.0, 100_000.0, 40.0)),
    text("Creators", "达人数"),
    text("Creators in the roster.", "名单中的达人数。"),
)
.flag("creators", "N");

/// The sample's seed.
pub const SAMPLE_SEED: Setting = Setting::new(
    Group::Sample,
    "seed",
    Kind::Number(Number::whole(0.0, MAX_SAFE_INTEGER, 7.0)),
    text("Random seed", "随机种子"),
    text("The same seed gives the same bytes.", "种子相同，生成的文件逐字节相同。"),
)
.flag("seed", "S");

// ---- The warehouse query (`SqlOptions`) ----

/// The SQL dialect.
pub const SQL_DIALECT: Setting = Setting::new(
    Group::Sql,
    "dialect",
    Kind::Choice { values: &["duckdb", "bigquery", "spark"], default: "duckdb" },
    text("SQL dialect", "SQL 方言"),
    text("The warehouse's SQL dialect.", "数据仓库的 SQL 方言。"),
)
.flag("dialect", "D");

/// The query's windows.
pub const SQL_WINDOWS: Setting = Setting::new(
    Group::Sql,
    "windows",
    Kind::Windows { default: &[7, 14, 30, 60, 90, 120] },
    text("Lookback windows (days)", "回溯窗口（天）"),
    text("Lookback windows in days, comma-separated.", "回溯窗口天数，逗号分隔。"),
)
.flag("windows", "LIST")
.unit("days");

/// Creator or tier paths.
pub const SQL_LEVEL: Setting = Setting::new(
    Group::Sql,
    "level",
    Kind::Choice { values: &["creator", "tier"], default: "creator" },
    text("Level", "层面"),
    text("Creator or tier paths.", "达人或层级路径。"),
)
.flag("level", "L");

/// The creators table.
pub const SQL_CREATORS: Setting = Setting::new(
    Group::Sql,
    "tables.creators",
    Kind::Text { default: "creators" },
    text("Creators table", "达人表"),
    text("The roster's table name, e.g. shop.ods.xhs_creators.", "达人名单的表名，如 shop.ods.xhs_creators。"),
)
.flag("creators", "T");

/// The touchpoints table.
pub const SQL_TOUCHPOINTS: Setting = Setting::new(
    Group::Sql,
    "tables.touchpoints",
    Kind::Text { default: "touchpoints" },
    text("Touchpoints table", "触点表"),
    text("The touch log's table name, e.g. shop.ods.xhs_touches.", "触点日志的表名，如 shop.ods.xhs_touches。"),
)
.flag("touchpoints", "T");

/// The orders table.
pub const SQL_ORDERS: Setting = Setting::new(
    Group::Sql,
    "tables.orders",
    Kind::Text { default: "orders" },
    text("Orders table", "订单表"),
    text("The orders' table name.", "订单的表名。"),
)
.flag("orders", "T");

/// Touch types and ages in the query's result.
pub const SQL_EVENTS: Setting = Setting::new(
    Group::Sql,
    "events",
    Kind::Flag { default: false },
    text("Touch types and ages", "触点类型与时长"),
    text("Add each converting path's touch_types and touch_ages_seconds, so time decay, touch-weighted and the platform's click run on the result too.", "为每条转化路径加入 touch_types 与 touch_ages_seconds，使时间衰减、触点类型加权与平台点击也能在结果上运行。"),
)
.flag("events", "");

/// Every setting, grouped as [`Group::ALL`] lists the groups.
pub const SETTINGS: &[&Setting] = &[
    &HALF_LIFE_DAYS,
    &FIRST_SHARE,
    &LAST_SHARE,
    &WEIGHT_VIEW,
    &WEIGHT_LIKE,
    &WEIGHT_COMMENT,
    &WEIGHT_SAVE,
    &WEIGHT_CLICK,
    &WEIGHT_QR_SCAN,
    &WEIGHT_PROMO_CODE,
    &WEIGHT_OTHER,
    &UNIQUE_CREATORS,
    &CLICK_WINDOW_HOURS,
    &MARKOV_ORDER,
    &COLLAPSE_REPEATS,
    &SHAPLEY_PERMUTATIONS,
    &SEED,
    &MODELS_SETTING,
    &WINDOWS,
    &BASELINE_MODEL,
    &BASELINE_DAYS,
    &LEVEL,
    &RESAMPLES,
    &TRUTH,
    &TIERS,
    &UTC_OFFSET_MINUTES,
    &COLUMNS,
    &NOW,
    &SEPARATOR,
    &DELIMITER,
    &PATH_COLUMNS,
    &COMPARE_MODELS,
    &COMPARE_BASELINE,
    &BASIS_MODEL,
    &BASIS_DAYS,
    &DEFAULT_RATE,
    &CATEGORY_RATES,
    &HOLDING_DAYS,
    &AS_OF,
    &BONUSES,
    &PLATFORM_FEE_RATE,
    &PLATFORM_FEE_RATES,
    &BUDGET,
    &METRIC,
    &CURVE,
    &HALF_SATURATION,
    &SLOPE,
    &EXPONENT,
    &CONSTRAINTS,
    &EXPORT_DAYS,
    &EXPORT_LEVEL,
    &EXPORT_NET,
    &EXPORT_EVENTS,
    &MARKOV_DAYS,
    &MARKOV_LEVEL,
    &MARKOV_EXPORT_ORDER,
    &MARKOV_EXPORT_COLLAPSE,
    &SAMPLE_JOURNEYS,
    &SAMPLE_CREATORS,
    &SAMPLE_SEED,
    &SQL_DIALECT,
    &SQL_WINDOWS,
    &SQL_LEVEL,
    &SQL_CREATORS,
    &SQL_TOUCHPOINTS,
    &SQL_ORDERS,
    &SQL_EVENTS,
];

/// A CLI flag that sets several settings at once, e.g. `--position 0.3,0.5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shorthand {
    /// The flag, without dashes.
    pub flag: &'static str,
    /// What its value looks like in `--help`.
    pub metavar: &'static str,
    /// The group of the settings it sets.
    pub group: Group,
    /// How its value is cut: `Some(sep)` into parts in order (trailing parts may be left out);
    /// `None`: `NAME=VALUE` pairs separated by commas.
    pub separator: Option<&'static str>,
    /// The settings it sets: (part name, setting path), in order.
    pub parts: &'static [(&'static str, &'static str)],
    /// One line of help.
    pub help: Text,
}

/// Every shorthand flag.
pub const SHORTHANDS: &[Shorthand] = &[
    Shorthand {
        flag: "position",
        metavar: "FIRST,LAST",
        group: Group::Model,
        separator: Some(","),
        parts: &[("FIRST", "firstShare"), ("LAST", "lastShare")],
        help: text("position_based first and last shares, e.g. 0.4,0.4", "位置加权的首末份额，如 0.4,0.4"),
    },
    Shorthand {
        flag: "touch-weights",
        metavar: "TYPE=WEIGHT,...",
        group: Group::Model,
        separator: None,
        parts: &[
            ("view", "touchWeights.view"),
            ("like", "touchWeights.like"),
            ("comment", "touchWeights.comment"),
            ("save", "touchWeights.save"),
            ("click", "touchWeights.click"),
            ("qr_scan", "touchWeights.qrScan"),
            ("promo_code", "touchWeights.promoCode"),
            ("other", "touchWeights.other"),
        ],
        help: text("touch_weighted weights, e.g. save=3,promo_code=5", "触点类型权重，如 save=3,promo_code=5"),
    },
    Shorthand {
        flag: "baseline",
        metavar: "MODEL[:DAYS]",
        group: Group::Report,
        separator: Some(":"),
        parts: &[("MODEL", "baseline.model"), ("DAYS", "baseline.days")],
        help: text(
            "the model (and window) every cell is compared against, e.g. linear:60",
            "所有单元格对比的基准模型（及窗口），如 linear:60",
        ),
    },
    Shorthand {
        flag: "basis",
        metavar: "MODEL[:DAYS]",
        group: Group::Money,
        separator: Some(":"),
        parts: &[("MODEL", "basis.model"), ("DAYS", "basis.days")],
        help: text("which attribution earns commission, e.g. linear:30", "决定佣金的归因模型（及窗口），如 linear:30"),
    },
];

/// The setting of `group` at `path`, if there is one.
pub fn setting(group: Group, path: &str) -> Option<&'static Setting> {
    SETTINGS.iter().copied().find(|s| s.group == group && s.path == path)
}
