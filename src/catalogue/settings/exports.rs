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
