//! The warehouse query: `sql/paths.sql` filled in for one dialect, its windows, level, table names
//! and event columns. The tier and touch-type spellings it matches are the engine's own (the
//! default tiers and [`TouchType::SPELLINGS`]), written into the query, so the warehouse and the
//! calculator read a roster and a touch log alike.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::attribution::journey::Level;
use crate::campaign::sources::Source;
use crate::campaign::tier::{Tiers, default_tiers};
use crate::campaign::{TouchType, unnoted_name};
use crate::catalogue::check_window;
use crate::catalogue::settings::{
    SQL_CREATORS, SQL_DIALECT, SQL_EVENTS, SQL_LEVEL, SQL_ORDERS, SQL_PROMO_CODES, SQL_SOURCES, SQL_TOUCHPOINTS,
    SQL_WINDOWS,
};
use crate::error::Error;
use crate::read::table::normalize;

const TEMPLATE: &str = include_str!("../../sql/paths.sql");

/// A warehouse's SQL dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// `DuckDB` (and `MotherDuck`).
    Duckdb,
    /// Google `BigQuery` (TIMESTAMP columns).
    Bigquery,
    /// Spark SQL (Databricks, EMR, Hive metastore tables).
    Spark,
}

/// The three input tables' names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct SqlTables {
    /// The roster's table (default `creators`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub creators: String,
    /// The touch log's table (default `touchpoints`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub touchpoints: String,
    /// The orders' table (default `orders`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub orders: String,
}

impl Default for SqlTables {
    fn default() -> Self {
        Self {
            creators: SQL_CREATORS.default_text().to_owned(),
            touchpoints: SQL_TOUCHPOINTS.default_text().to_owned(),
            orders: SQL_ORDERS.default_text().to_owned(),
        }
    }
}

/// Which query to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct SqlOptions {
    /// The dialect (default `DuckDB`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub dialect: Dialect,
    /// Lookback windows in days (default 7, 14, 30, 60, 90, 120).
    #[cfg_attr(test, ts(optional = nullable))]
    pub windows: Vec<u32>,
    /// Creator, tier or note paths (default creator); notes read the touch log's `note_id`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub level: Level,
    /// The input tables' names.
    #[cfg_attr(test, ts(optional = nullable))]
    pub tables: SqlTables,
    /// Add each converting path's `touch_types` and `touch_ages_seconds` (default false).
    #[cfg_attr(test, ts(optional = nullable))]
    pub events: bool,
    /// Read the touch log's `source` column: ads and search as channels (default false).
    #[cfg_attr(test, ts(optional = nullable))]
    pub sources: bool,
    /// Read the roster's and the orders' `promo_code`: an order carrying a creator's code adds
    /// that creator's promo-code touch, as the calculator does (default false).
    #[serde(rename = "promoCodes")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub promo_codes: bool,
}

impl Default for SqlOptions {
    fn default() -> Self {
        let dialect = match SQL_DIALECT.default_text() {
            "bigquery" => Dialect::Bigquery,
            "spark" => Dialect::Spark,
            _ => Dialect::Duckdb,
        };
        Self {
            dialect,
            windows: SQL_WINDOWS.default_windows().to_vec(),
            level: match SQL_LEVEL.default_text() {
                "tier" => Level::Tier,
                "note" => Level::Note,
                _ => Level::Creator,
            },
            tables: SqlTables::default(),
            events: SQL_EVENTS.default_flag(),
            sources: SQL_SOURCES.default_flag(),
            promo_codes: SQL_PROMO_CODES.default_flag(),
        }
    }
}

impl Dialect {
    fn name(self) -> &'static str {
        match self {
            Self::Duckdb => "duckdb",
            Self::Bigquery => "bigquery",
            Self::Spark => "spark",
        }
    }

    /// A timestamp column as Unix seconds.
    fn epoch(self, column: &str) -> String {
        match self {
            Self::Duckdb => format!("CAST(epoch({column}) AS BIGINT)"),
            // TIMESTAMP columns; wrap a DATETIME column as UNIX_SECONDS(TIMESTAMP(column)).
            Self::Bigquery => format!("UNIX_SECONDS({column})"),
            Self::Spark => format!("unix_timestamp({column})"),
        }
    }

    /// `value` of a journey's touches joined by ` > ` in the calculator's order. Only at the note
    /// level can two touches that tie on time, creator and type be told apart, by their notes.
    fn agg(self, value: &str, notes: bool) -> String {
        let note = if notes { ", t.note_key" } else { "" };
        match self {
            Self::Duckdb => format!("string_agg({value}, ' > ' ORDER BY t.ts, t.kol_id, t.kind_rank{note})"),
            Self::Bigquery => format!("STRING_AGG({value}, ' > ' ORDER BY t.ts, t.kol_id, t.kind_rank{note})"),
            Self::Spark => format!(
                "array_join(transform(array_sort(collect_list(struct(t.ts, t.kol_id, t.kind_rank{note}, {value} AS v))), x -> x.v), ' > ')"
            ),
        }
    }

    /// A text literal of one character, `'\t'` or `'\u3000'` as the dialect writes it.
    fn char_literal(self, c: char) -> String {
        match (self, c) {
            (_, ' ') => "' '".to_owned(),
            // DuckDB strings have no escapes; chr takes a code point.
            (Self::Duckdb, _) => format!("chr({})", u32::from(c)),
            _ => format!("'\\u{:04X}'", u32::from(c)),
        }
    }

    /// A code as the calculator compares it (`normalize_code`): without whitespace (the
    /// engine's own `char::is_whitespace`, every such character), in upper case; NULL when empty.
    fn code_key(self, column: &str) -> String {
        // U+3000, the ideographic space, is the last of Unicode's whitespace.
        let whitespace = (0..=0x3000).filter_map(char::from_u32).filter(|c| c.is_whitespace());
        let stripped = whitespace.fold(format!("COALESCE({column}, '')"), |inner, c| {
            format!("REPLACE({inner}, {}, '')", self.char_literal(c))
        });
        format!("NULLIF(UPPER({stripped}), '')")
    }

    fn text(self) -> &'static str {
        if self == Self::Duckdb { "VARCHAR" } else { "STRING" }
    }
}

/// A table name: letters, digits, `_`, `-`, `.` and quotes around parts; never SQL.
fn check_table(path: &str, name: &str) -> Result<(), Error> {
    let ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-`\"".contains(&b));
    if ok {
        Ok(())
    } else {
        let table = path.rsplit('.').next().unwrap_or(path);
        Err(Error::invalid_option(path, name, format!("must be a table name such as project.dataset.{table}")))
    }
}

/// `'a', 'b'` for a SQL `IN` list (spellings are the engine's own; quotes doubled all the same).
fn quoted(spellings: impl IntoIterator<Item = String>) -> String {
    spellings.into_iter().map(|s| format!("'{}'", s.replace('\'', "''"))).collect::<Vec<_>>().join(", ")
}

/// The default tiers' spellings, then follower thresholds, as the `CASE` the query classifies by.
fn tier_case() -> String {
    let specs = default_tiers();
    let mut case = String::from("CASE\n");
    for spec in &specs {
        let spellings = std::iter::once(&spec.name).chain(&spec.aliases).map(|s| normalize(s).into_owned());
        let _ = writeln!(case, "      WHEN tier_key IN ({}) THEN '{}'", quoted(spellings), spec.name);
    }
    let _ = writeln!(case, "      WHEN tier_key IS NOT NULL THEN '{}'", Tiers::UNKNOWN_NAME);
    let (last, higher) = specs.split_last().unwrap_or_else(|| unreachable!("the default tiers are not empty"));
    for spec in higher {
        let _ = writeln!(case, "      WHEN followers >= {} THEN '{}'", spec.min_followers, spec.name);
    }
    let _ = write!(case, "      ELSE '{}'\n    END", last.name);
    case
}

/// The touch types' spellings as the `CASE` the query types touches by.
fn touch_type_case() -> String {
    let mut case = String::from("CASE\n");
    for (kind, spellings) in TouchType::SPELLINGS.iter().filter(|(kind, _)| *kind != TouchType::Other) {
        let _ = writeln!(
            case,
            "      WHEN type_key IN ({}) THEN '{}'",
            quoted(spellings.iter().map(|s| (*s).to_owned())),
            kind.name()
        );
    }
    let _ = write!(case, "      ELSE '{}'\n    END", TouchType::Other.name());
    case
}

/// The sources' spellings as the `CASE` naming a touch's source channel: a known source's own
/// name, NULL for a creator's (or no source), the text as written for one the engine does not know.
fn source_case() -> String {
    let mut case = String::from("CASE\n      WHEN source_key = '' THEN NULL\n");
    let creator = Source::CREATOR.iter().map(|s| normalize(s).into_owned());
    let _ = writeln!(case, "      WHEN source_key IN ({}) THEN NULL", quoted(creator));
    for source in Source::ALL {
        // Normalized, an id and a spelling may be one key: each is listed once.
        let mut keys: Vec<String> = source.spellings().map(|s| normalize(s).into_owned()).collect();
        keys.dedup();
        let keys = keys.into_iter();
        let _ = writeln!(case, "      WHEN source_key IN ({}) THEN '{}'", quoted(keys), source.name());
    }
    let _ = write!(case, "      ELSE TRIM(source)\n    END");
    case
}

/// Each source channel's group, the tier its touches count under.
fn source_group_case() -> String {
    let mut case = String::from("CASE");
    for source in Source::ALL {
        let _ = write!(case, " WHEN src = '{}' THEN '{}'", source.name(), source.group().name());
    }
    let _ = write!(case, " ELSE '{}' END", Source::Other.group().name());
    case
}

/// Same-instant touches of one creator in the calculator's type order ([`TouchType::ALL`]).
fn kind_rank_case() -> String {
    let mut case = String::from("CASE t.kind");
    let (other, ranked) = TouchType::ALL.split_last().unwrap_or_else(|| unreachable!("there are touch types"));
    for (rank, kind) in ranked.iter().enumerate() {
        let _ = write!(case, " WHEN '{}' THEN {rank}", kind.name());
    }
    let _ = write!(case, " ELSE {} END", ranked.len());
    debug_assert_eq!(*other, TouchType::Other);
    case
}

/// The note level's channel of a creator's touch that names no note, the engine's own name.
fn unnoted(kol_id: &str) -> String {
    let suffix = unnoted_name("");
    debug_assert_eq!(unnoted_name("k"), format!("k{suffix}"), "the name is the creator's id and a suffix");
    format!("CONCAT({kol_id}, '{}')", suffix.replace('\'', "''"))
}

/// The query for `options`.
///
/// # Errors
/// [`Error::InvalidOption`] for a window out of range or a table name that is not one.
pub fn warehouse_sql(options: &SqlOptions) -> Result<String, Error> {
    if options.windows.is_empty() {
        return Err(Error::invalid_option(SQL_WINDOWS.path, "[]", "choose at least one lookback window"));
    }
    for &days in &options.windows {
        check_window(SQL_WINDOWS.path, days)?;
    }
    let tables = &options.tables;
    check_table(SQL_CREATORS.path, &tables.creators)?;
    check_table(SQL_TOUCHPOINTS.path, &tables.touchpoints)?;
    check_table(SQL_ORDERS.path, &tables.orders)?;
    let mut windows = options.windows.clone();
    windows.sort_unstable();
    windows.dedup();
    let dialect = options.dialect;
    let text = dialect.text();
    let events = options.events;
    let level = match options.level {
        Level::Creator => "creator",
        Level::Tier => "tier",
        Level::Note => "note",
    };
    let notes = options.level == Level::Note;
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "creators" => tables.creators.clone(),
            "touchpoints" => tables.touchpoints.clone(),
            "orders" => tables.orders.clone(),
            "level" => level.to_owned(),
            "dialect" => dialect.name().to_owned(),
            "windows" => windows
                .iter()
                .enumerate()
                .map(|(i, d)| if i == 0 { format!("SELECT {d} AS days") } else { format!("UNION ALL SELECT {d}") })
                .collect::<Vec<_>>()
                .join("\n  "),
            "tier_case" => tier_case(),
            "touch_type_case" => touch_type_case(),
            "kind_rank_case" => kind_rank_case(),
            "source_column" if options.sources => "source".to_owned(),
            "creator_code_column" | "order_code_column" if options.promo_codes => "promo_code".to_owned(),
            "creators_codes_note" | "orders_codes_note" if options.promo_codes => {
                ", promo_code (may be empty)".to_owned()
            }
            "promo_kind" => TouchType::PromoCode.name().to_owned(),
            "qr_kind" => TouchType::QrScan.name().to_owned(),
            "note_column" if notes => "note_id".to_owned(),
            "notes_note" if notes => ", note_id (the note a touch names, may be empty)".to_owned(),
            "source_case" => source_case(),
            "source_group_case" => source_group_case(),
            "sources_note" if options.sources => {
                ", source (a touch with an empty kol_id: an ad's or search's)".to_owned()
            }
            "touch_types" if events => dialect.agg("t.kind", notes),
            "touch_ages" if events => dialect.agg(&format!("CAST(o.ts - t.ts AS {text})"), notes),
            "touch_types"
            | "touch_ages"
            | "source_column"
            | "note_column"
            | "creator_code_column"
            | "order_code_column" => format!("CAST(NULL AS {text})"),
            "event_columns" if events => ",\n  touch_types,\n  touch_ages AS touch_ages_seconds".to_owned(),
            "events_note" if events => " with each converting path's touch_types and touch_ages_seconds".to_owned(),
            "event_columns"
            | "events_note"
            | "sources_note"
            | "notes_note"
            | "creators_codes_note"
            | "orders_codes_note" => String::new(),
            "text" => text.to_owned(),
            _ => return None,
        })
    };
    let mut out = String::with_capacity(TEMPLATE.len() + 1024);
    let mut rest = TEMPLATE;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").map_or(rest.len(), |e| start + e);
        let placeholder = &rest[start + 2..end];
        let filled = match placeholder.split_once(':') {
            Some(("epoch", column)) => Some(dialect.epoch(column)),
            Some(("agg", column)) => Some(dialect.agg(column, notes)),
            Some(("unnoted", column)) => Some(unnoted(column)),
            Some(("code_key", column)) => Some(dialect.code_key(column)),
            _ => value(placeholder),
        };
        // The template is ours; a test renders every dialect, so an unknown name cannot ship.
        out.push_str(&filled.unwrap_or_else(|| format!("{{{{{placeholder}}}}}")));
        rest = rest.get(end + 2..).unwrap_or("");
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled_in_every_dialect() {
        let every = [Dialect::Duckdb, Dialect::Bigquery, Dialect::Spark]
            .into_iter()
            .flat_map(|dialect| [Level::Creator, Level::Tier, Level::Note].map(|level| (dialect, level)));
        for (dialect, level) in every {
            for events in [false, true] {
                let sql = warehouse_sql(&SqlOptions { dialect, level, events, ..SqlOptions::default() }).unwrap();
                assert!(!sql.contains("{{"), "{dialect:?}: {}", &sql[sql.find("{{").unwrap_or(0)..][..40]);
                assert!(sql.contains("SELECT 7 AS days\n  UNION ALL SELECT 14"));
                assert_eq!(sql.contains("touch_ages AS touch_ages_seconds"), events);
            }
        }
    }

    #[test]
    fn spellings_come_from_the_engine() {
        let sql = warehouse_sql(&SqlOptions::default()).unwrap();
        assert!(
            sql.contains(
                "WHEN tier_key IN ('mega', 'celebrity', 'top', '头部', '头部达人', '明星', '顶流') THEN 'mega'"
            )
        );
        assert!(sql.contains("WHEN tier_key IN ('midtier', 'mid', '腰部', '腰部达人') THEN 'mid-tier'"));
        assert!(sql.contains("WHEN followers >= 5000 THEN 'micro'\n      ELSE 'KOC'"));
        assert!(sql.contains("WHEN type_key IN ('qrscan', 'qr', 'scan', '扫码', '二维码') THEN 'qr_scan'"));
        assert!(sql.contains("CASE t.kind WHEN 'view' THEN 0 WHEN 'like' THEN 1 WHEN 'save' THEN 2"));
        assert!(sql.contains("WHEN 'qr_scan' THEN 6 ELSE 7 END AS kind_rank"));
    }

    #[test]
    fn sources_read_the_source_column_only_when_asked() {
        let plain = warehouse_sql(&SqlOptions::default()).unwrap();
        assert!(plain.contains("CAST(NULL AS VARCHAR) AS source") && !plain.contains(", source FROM"));
        let sql = warehouse_sql(&SqlOptions { sources: true, ..SqlOptions::default() }).unwrap();
        assert!(sql.contains("touch_type, source AS source FROM touchpoints"), "{sql}");
        assert!(sql.contains("THEN 'juguang_search'") && sql.contains("WHEN src = 'organic_search' THEN 'organic'"));
        assert!(sql.contains(
            "WHEN source_key IN ('creator', 'kol', 'koc', 'influencer', '达人', '博主', '达人笔记') THEN NULL"
        ));
    }

    #[test]
    fn notes_read_the_note_id_column_only_at_the_note_level() {
        let plain = warehouse_sql(&SqlOptions::default()).unwrap();
        assert!(plain.contains("SELECT journey_id, kol_id, CAST(NULL AS VARCHAR) AS note_id,\n"), "{plain}");
        let sql = warehouse_sql(&SqlOptions { level: Level::Note, ..SqlOptions::default() }).unwrap();
        assert!(sql.contains("SELECT journey_id, kol_id, note_id AS note_id,\n"), "{sql}");
        assert!(sql.contains("WHEN 'note' = 'note' THEN COALESCE(t.note, CONCAT(t.kol_id, ' (no note)'))"), "{sql}");
        assert!(sql.contains("string_agg(t.channel, ' > ' ORDER BY t.ts, t.kol_id, t.kind_rank, t.note_key)"));
        assert!(!plain.contains("t.kind_rank, t.note_key)"), "only notes tell same-instant touches apart");
        let spark = SqlOptions { dialect: Dialect::Spark, level: Level::Note, ..SqlOptions::default() };
        let spark = warehouse_sql(&spark).unwrap();
        assert!(spark.contains("struct(t.ts, t.kol_id, t.kind_rank, t.note_key, t.channel AS v)"), "{spark}");
    }

    #[test]
    fn promo_codes_read_both_tables_only_when_asked() {
        let plain = warehouse_sql(&SqlOptions::default()).unwrap();
        assert!(plain.contains("SELECT kol_id, tier, followers, CAST(NULL AS VARCHAR) AS promo_code FROM creators"));
        let sql = warehouse_sql(&SqlOptions { promo_codes: true, ..SqlOptions::default() }).unwrap();
        assert!(sql.contains("SELECT kol_id, tier, followers, promo_code AS promo_code FROM creators"), "{sql}");
        assert!(sql.contains("         promo_code AS promo_code,\n"), "{sql}");
        assert!(sql.contains("AND t.kind IN ('promo_code', 'qr_scan')"), "{sql}");
        // Every character the engine's code comparison drops, tab to the ideographic space.
        let key = Dialect::Duckdb.code_key("c");
        assert!(
            key.starts_with("NULLIF(UPPER(REPLACE(REPLACE(") && key.contains("COALESCE(c, ''), chr(9), '')"),
            "{key}"
        );
        assert!(key.contains(", ' ', '')") && key.ends_with(", chr(12288), '')), '')"), "{key}");
        assert_eq!(key.matches("REPLACE(").count(), 25);
        let spark = Dialect::Spark.code_key("c");
        assert!(spark.contains(", '\\u00A0', '')") && spark.contains(", '\\u3000', '')"), "{spark}");
        let codes = [" ab\u{3000}c\t", "AB C"].map(crate::campaign::normalize_code);
        assert_eq!(codes, ["ABC", "ABC"], "the engine's comparison the query writes out");
    }

    #[test]
    fn windows_and_table_names_are_checked() {
        let refused = |options: SqlOptions| warehouse_sql(&options).unwrap_err().to_string();
        assert!(refused(SqlOptions { windows: vec![0], ..SqlOptions::default() }).contains("a window is 1 to"));
        let tables = SqlTables { orders: "orders; DROP TABLE x".into(), ..SqlTables::default() };
        assert!(refused(SqlOptions { tables, ..SqlOptions::default() }).contains("tables.orders"));
        let sorted = warehouse_sql(&SqlOptions { windows: vec![30, 7, 30], ..SqlOptions::default() }).unwrap();
        assert!(sorted.contains("SELECT 7 AS days\n  UNION ALL SELECT 30\n"));
    }
}
