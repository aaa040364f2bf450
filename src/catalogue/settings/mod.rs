//! Every option: its group and JSON path, CLI flag, bounds, default, unit and help. The options
//! structs take their defaults from these entries and check values against them. One file per
//! stage's options; this one lists them all.

mod exports;
mod model;
mod money;
mod report;

pub use exports::*;
pub use model::*;
pub use money::*;
pub use report::*;

use super::{Group, MAX_WINDOW_DAYS, Setting, Text};

pub(super) const WINDOW: f64 = MAX_WINDOW_DAYS as f64;
/// The largest integer a JSON number (a JS double) holds exactly.
pub(super) const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

pub(super) const fn text(en: &'static str, zh: &'static str) -> Text {
    Text { en, zh }
}

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
    &CATEGORY_WINDOW_ENABLED,
    &CATEGORY_WINDOW_DAYS,
    &CATEGORY_WINDOW_OTHER_DAYS,
    &BASELINE_MODEL,
    &BASELINE_DAYS,
    &LEVEL,
    &RESAMPLES,
    &TRUTH,
    &LIFT_TESTS,
    &TIERS,
    &UTC_OFFSET_MINUTES,
    &DATE_ONLY_ORDERS,
    &PROMO_CODE_TOUCHES,
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
    &PLATFORM_FEE_CHANNEL_RATES,
    &PLATFORM_CHANNELS,
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
    &SAMPLE_PROCESS,
    &SAMPLE_ORGANIC,
    &SAMPLE_HALF_LIFE,
    &SAMPLE_TYPE_CONTRAST,
    &SAMPLE_CREATOR_SPREAD,
    &SAMPLE_ROLES,
    &SAMPLE_CATEGORIES,
    &SAMPLE_REPEATS,
    &SAMPLE_PROMO_CODES,
    &SAMPLE_REPEAT_RETURN,
    &SQL_DIALECT,
    &SQL_WINDOWS,
    &SQL_LEVEL,
    &SQL_CREATORS,
    &SQL_TOUCHPOINTS,
    &SQL_ORDERS,
    &SQL_EVENTS,
    &SQL_SOURCES,
    &SQL_PROMO_CODES,
    &CHECK_DAYS,
    &CHECK_FOLDS,
    &CHECK_MODELS,
    &LAG_COVERAGE,
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
