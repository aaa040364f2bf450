//! Exports of one window (`PathsExport`, `MarkovExport`), the sample generator and the warehouse query.

use super::{MAX_SAFE_INTEGER, WINDOW, text};
use crate::catalogue::{Group, Kind, Number, Setting};

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
    Kind::Choice { values: &["creator", "tier", "note"], default: "creator" },
    text("Level", "层面"),
    text(
        "Creators, tiers or notes as the path's channels (a touch naming no note is its creator's \"<kol_id> (no note)\").",
        "以达人、层级或笔记作为路径中的渠道（未标明笔记的触点记为其达人的“<kol_id> (no note)”）。",
    ),
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

/// Read the touch log's source column: ads and search as channels.
pub const SQL_SOURCES: Setting = Setting::new(
    Group::Sql,
    "sources",
    Kind::Flag { default: false },
    text("Ads and search", "广告与搜索"),
    text(
        "Read the touch log's source column: a touch with an empty kol_id is its source's (an ad, search), grouped as paid, owned, organic at tier level.",
        "读取触点表的 source 列：kol_id 为空且有来源（juguang_search、organic_search 等）的触点以该来源为渠道，在层级层面归入其渠道组（paid、owned、organic、other）。",
    ),
)
.flag("sources", "");

/// Read the promo codes of the roster and the orders: an order's known code adds its creator's touch.
pub const SQL_PROMO_CODES: Setting = Setting::new(
    Group::Sql,
    "promoCodes",
    Kind::Flag { default: false },
    text("Promo codes", "优惠码"),
    text(
        "Read promo_code in the roster and the orders: an order with a creator's code adds that creator's promo_code touch, as the calculator does.",
        "读取名单与订单的 promo_code 列：订单带有达人的优惠码而旅程中自上一笔订单以来没有该达人的优惠码触点时，在下单时间为该达人补一个 promo_code 触点，与计算器相同。",
    ),
)
.flag("promo-codes", "");

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
    Kind::Choice { values: &["creator", "tier", "note"], default: "creator" },
    text("Level", "层面"),
    text("Creators, tiers or notes as the chain's states.", "以达人、层级或笔记作为马尔可夫链的状态。"),
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

/// How a journey decides to buy.
pub const SAMPLE_PROCESS: Setting = Setting::new(
    Group::Sample,
    "process",
    Kind::Choice { values: &["noisy_or", "hazard", "logistic"], default: "noisy_or" },
    text("Conversion process", "转化过程"),
    text(
        "noisy_or: decide at the last touch, each touch adding hazard; hazard: each touch triggers purchases over the following days; logistic: diminishing returns.",
        "noisy_or：在最后一次触点时决定，每个触点叠加风险；hazard：每个触点在随后几天内触发购买；logistic：收益递减。",
    ),
)
.flag("process", "P");

/// The chance to buy with no touch at all.
pub const SAMPLE_ORGANIC: Setting = Setting::new(
    Group::Sample,
    "organic",
    Kind::Number(Number::real(0.0, 0.5, 0.001, 0.003)),
    text("Organic baseline", "自然转化基线"),
    text(
        "A journey's hazard of buying with no touch (the hazard process: per 90 days of the journey).",
        "无任何触点时用户旅程的购买风险（hazard 过程：按旅程每 90 天计）。",
    ),
)
.flag("organic", "H");

/// How fast a touch's effect fades. The default is today's e-folding of 21 days.
pub const SAMPLE_HALF_LIFE: Setting = Setting::new(
    Group::Sample,
    "halfLifeDays",
    Kind::Number(Number::real(0.0, 365.0, 0.5, 21.0 * std::f64::consts::LN_2).above()),
    text("Touch half-life (days)", "触点半衰期（天）"),
    text(
        "Days for a touch's effect to halve (default 21 × ln 2, about 14.6).",
        "触点效果减半所需天数（默认 21 × ln 2，约 14.6）。",
    ),
)
.flag("half-life", "DAYS")
.unit("days");

/// How far apart the touch types' strengths are.
pub const SAMPLE_TYPE_CONTRAST: Setting = Setting::new(
    Group::Sample,
    "typeContrast",
    Kind::Number(Number::real(0.0, 4.0, 0.5, 1.0)),
    text("Touch-type contrast", "触点类型差异"),
    text(
        "Power of the touch types' strengths (a save 2.6 views, a promo code 4): 0 makes every type a view, 2 squares them.",
        "触点类型强度的幂（收藏为浏览的 2.6 倍，优惠码为 4 倍）：0 使所有类型等同于浏览，2 为其平方。",
    ),
)
.flag("type-contrast", "X");

/// How much creators of one tier differ.
pub const SAMPLE_CREATOR_SPREAD: Setting = Setting::new(
    Group::Sample,
    "creatorSpread",
    Kind::Number(Number::real(0.0, 2.0, 0.1, 0.0)),
    text("Creator spread", "达人差异"),
    text(
        "Log-normal spread (sd of the log) of each creator's strength around its tier's; 0: every creator of a tier alike.",
        "每位达人强度围绕其层级的对数正态离散度（对数的标准差）；0：同层级达人相同。",
    ),
)
.flag("creator-spread", "SD");

/// Opening and closing roles by tier.
pub const SAMPLE_ROLES: Setting = Setting::new(
    Group::Sample,
    "roles",
    Kind::Flag { default: false },
    text("Opening and closing roles", "开启与收尾角色"),
    text(
        "A tier's touch is stronger when it opens (mega, mid-tier) or closes (micro, KOC) a journey of several touches.",
        "层级的触点在开启（头部、腰部）或收尾（初级、素人）多触点旅程时更强。",
    ),
)
.flag("roles", "");

/// Product categories with their own baselines and lifts.
pub const SAMPLE_CATEGORIES: Setting = Setting::new(
    Group::Sample,
    "categories",
    Kind::Flag { default: false },
    text("Category effects", "品类效应"),
    text(
        "A journey shops its first creator's category, each with its own organic baseline and lift.",
        "旅程购买其首位达人的品类，每个品类有自己的自然基线与提升。",
    ),
)
.flag("categories", "");

/// Creators' promo codes.
pub const SAMPLE_PROMO_CODES: Setting = Setting::new(
    Group::Sample,
    "promoCodes",
    Kind::Flag { default: false },
    text("Promo codes", "优惠码"),
    text(
        "Every sixth order without a code touch carries its last creator's code, typed at checkout though the touch log never saw it.",
        "每六个没有优惠码触点的订单中，填入最后一位达人的优惠码（结账时输入、触点日志未记录的使用）。",
    ),
)
.flag("codes", "");

/// Touches of the same creator again.
pub const SAMPLE_REPEATS: Setting = Setting::new(
    Group::Sample,
    "repeats",
    Kind::Number(Number::real(0.0, 0.9, 0.05, 0.0)),
    text("Repeat touches", "重复触点"),
    text("Chance that a touch is by the same creator as the one before it.", "某触点与前一触点来自同一达人的概率。"),
)
.flag("repeats", "P");

/// What a repeated touch adds.
pub const SAMPLE_REPEAT_RETURN: Setting = Setting::new(
    Group::Sample,
    "repeatReturn",
    Kind::Number(Number::real(0.0, 1.0, 0.05, 1.0)),
    text("Return of a repeat", "重复触点回报"),
    text(
        "A creator's n-th touch in a journey counts this to the power n − 1 (1: every touch counts fully).",
        "同一达人在旅程中的第 n 次触点按此值的 n − 1 次方计（1：每次触点都完全计入）。",
    ),
)
.flag("repeat-return", "R");

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
    Kind::Choice { values: &["creator", "tier", "note"], default: "creator" },
    text("Level", "层面"),
    text(
        "Creator, tier or note paths; note paths read the touch log's note_id column (a touch naming no note is its creator's \"<kol_id> (no note)\").",
        "达人、层级或笔记路径；笔记路径读取触点表的 note_id 列（未标明笔记的触点记为其达人的“<kol_id> (no note)”）。",
    ),
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
