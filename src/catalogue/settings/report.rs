//! The report (`ReportOptions`), how to read a campaign (`CampaignOptions`) and a paths comparison (`CompareOptions`).

use super::{MAX_SAFE_INTEGER, WINDOW, text};
use crate::catalogue::{Group, Kind, Number, Setting};

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

/// Whether the report has the window by category.
pub const CATEGORY_WINDOW_ENABLED: Setting = Setting::new(
    Group::Report,
    "categoryWindows.enabled",
    Kind::Flag { default: false },
    text("Window by category", "按品类的窗口"),
    text(
        "Add a window in which each order looks back its product category's days (the orders' category column).",
        "增加一个窗口：每笔订单按其商品品类（订单的 category 列）的天数回溯。",
    ),
);

/// The window by category: each order looks back its category's days.
pub const CATEGORY_WINDOW_DAYS: Setting = Setting::new(
    Group::Report,
    "categoryWindows.days",
    Kind::CategoryDays { default: &[("skincare", 60), ("snacks", 14), ("luxury", 120)] },
    text("Window by category (days)", "按品类的回溯窗口（天）"),
    text(
        "One more window: each order looks back its category's days, e.g. skincare=60,snacks=14; other orders the other days.",
        "多一个窗口：每笔订单按其品类的天数回溯，如 skincare=60,snacks=14；其余订单按其他品类的天数。",
    ),
)
.flag("category-windows", "CATEGORY=DAYS,...")
.unit("days");

/// The window by category's days for orders its table does not name.
pub const CATEGORY_WINDOW_OTHER_DAYS: Setting = Setting::new(
    Group::Report,
    "categoryWindows.otherDays",
    Kind::Number(Number::whole(1.0, WINDOW, 30.0)),
    text("Other categories (days)", "其他品类（天）"),
    text(
        "In the window by category: orders with no category or one not in the table, and journeys with no order.",
        "按品类窗口中：无品类或品类不在表中的订单，以及未下单的旅程。",
    ),
)
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
    Kind::Choice { values: &["both", "creator", "tier", "note", "group", "all", "auto"], default: "both" },
    text("Level", "层面"),
    text(
        "Per creator, tier or both; per note (a creator's credit split among its notes); per channel group (creators \
         beside paid, owned, organic); all four; auto: all with notes or ads, else both.",
        "按达人、层级或两者；按笔记（达人的归因按笔记拆分）；按渠道组（达人与付费、自有、自然来源并列）；全部四个；auto：有笔记或广告时全部，否则两者。",
    ),
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

/// Experiments the brand ran, to hold every model against.
pub const LIFT_TESTS: Setting = Setting::new(
    Group::Report,
    "liftTests",
    Kind::Structured { syntax: "FILE (CSV or JSON: name, tiers or creators, from, to, incremental_conversions or relative_lift, low, high)" },
    text("Lift tests", "增量实验"),
    text("Holdout or paused-creator experiments with their measured lift and 90% interval; every model is held against them and the incremental model takes them into its fit.", "留出组或暂停达人的实验及其测得的增量与 90% 区间；每个模型都与之对照，增量模型把它们纳入拟合。"),
)
.flag("lift-tests", "FILE");

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

/// Where in its day an order written with a date alone is placed.
pub const DATE_ONLY_ORDERS: Setting = Setting::new(
    Group::Campaign,
    "dateOnlyOrders",
    Kind::Choice { values: &["end_of_day", "start_of_day"], default: "end_of_day" },
    text("Orders with a date alone", "只有日期的订单"),
    text(
        "Orders with a date alone, when touches have times: end_of_day (default) counts that day's touches, the closer's above all, as a date says only which day; start_of_day reads midnight.",
        "订单只有日期而触点有时间时：end_of_day（默认）计入当天的触点（尤其是临门一脚的那次），因为日期只说明是哪一天；start_of_day 按当天零点读取。",
    ),
)
.flag("date-only-orders", "WHEN");

/// Whether an order's known promo code adds a touch.
pub const PROMO_CODE_TOUCHES: Setting = Setting::new(
    Group::Campaign,
    "promoCodeTouches",
    Kind::Choice { values: &["add", "off"], default: "add" },
    text("Touches from promo codes", "优惠码触点"),
    text(
        "An order with a roster creator's promo code or QR id: add (default) gives it that creator's code touch when the log lacks one; off only counts matches.",
        "订单带有名单中某达人的优惠码（或二维码 ID）时：add（默认）在触点日志缺少可计入该订单的相应触点时，于下单时刻为该达人补一个优惠码（或扫码）触点，与按码追踪的工具一致；off 只统计匹配情况。",
    ),
)
.flag("promo-code-touches", "add|off");

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

// ---- The model check (`CheckOptions`) ----

/// The window of the journeys checked.
pub const CHECK_DAYS: Setting = Setting::new(
    Group::Check,
    "days",
    Kind::Number(Number::whole(1.0, WINDOW, 30.0)),
    text("Model check window (days)", "模型检验窗口（天）"),
    text("The lookback window of the journeys the models are checked on.", "检验模型所用旅程的回溯窗口。"),
)
.flag("window", "DAYS")
.unit("days");

/// How many parts the journeys are split into.
pub const CHECK_FOLDS: Setting = Setting::new(
    Group::Check,
    "folds",
    Kind::Number(Number::whole(2.0, 10.0, 5.0)),
    text("Folds", "折数"),
    text(
        "The journeys are split into this many parts; each part is scored by models fitted on the others.",
        "旅程被分成若干份；每份用在其余各份上拟合的模型来打分。",
    ),
)
.flag("folds", "K");

/// Which models to check.
pub const CHECK_MODELS: Setting = Setting::new(
    Group::Check,
    "models",
    Kind::Models,
    text("Models checked", "检验的模型"),
    text(
        "Which models to check (default: every model that gives a journey a probability to convert).",
        "检验哪些模型（默认：所有能给出旅程转化概率的模型）。",
    ),
)
.flag("models", "LIST");

// ---- Time lag and path length (`LagOptions`) ----

/// The share of orders a suggested window covers.
pub const LAG_COVERAGE: Setting = Setting::new(
    Group::Lag,
    "coveragePercent",
    Kind::Number(Number::whole(1.0, 100.0, 90.0)),
    text("Orders a suggested window covers (%)", "建议窗口覆盖的订单（%）"),
    text(
        "The suggested window is the shortest that reaches the first touch of this share of orders.",
        "建议窗口是能覆盖这一比例订单首次触达的最短窗口。",
    ),
)
.flag("coverage", "PERCENT")
.unit("percent");
