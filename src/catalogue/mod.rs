//! The catalogue: every model and every option, each described once.
//!
//! A model's id, labels and traits, and an option's JSON path, CLI flag, bounds, default, unit
//! and one-line help live here and nowhere else. Rust's defaults and validation read these
//! entries; the binding exports them as `catalogue()`, from which the page builds its settings
//! fields, share-link checks and labels, and the CLI its flags, their checks and `--help`.
//!
//! The catalogue is data and sits at the bottom of the pipeline: it imports nothing but the error
//! type, so every stage can read it. Adding a model = its file, its entry in [`models`], its tests.

pub mod channels;
mod export;
pub mod models;
pub mod settings;

use std::fmt;

pub use export::{
    Catalogue, ChannelInfo, ChannelsInfo, GroupInfo, ModelInfo, SettingInfo, ShorthandInfo, TextInfo, catalogue,
};
pub use models::{MODELS, ModelEntry};
pub use settings::{SETTINGS, SHORTHANDS, Shorthand};

use crate::error::Error;

/// The longest lookback window, in days (ten years); the shortest is one day.
pub const MAX_WINDOW_DAYS: u32 = 3650;

/// A text in both of the page's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

/// Which options object a setting belongs to. Some objects sit inside others (the models'
/// parameters inside the report's, money's and a paths comparison's options; how to read the
/// inputs inside every campaign call's): [`Group::nested_in`] says where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "SettingGroup"))]
#[serde(rename_all = "camelCase")]
pub enum Group {
    /// `ModelOptions`: the models' parameters.
    Model,
    /// `ReportOptions`: which models, windows, baseline, level and intervals.
    Report,
    /// `CampaignOptions`: how to read the campaign's files.
    Campaign,
    /// `CompareOptions`: comparing an aggregated paths file.
    Compare,
    /// `MoneyOptions`: commission, costs and payouts.
    Money,
    /// `BudgetOptions`: next period's budget.
    Budget,
    /// `PathsExport`: a campaign's journeys as a paths file.
    PathsExport,
    /// `MarkovExport`: a campaign's Markov chain.
    MarkovExport,
    /// `SampleOptions`: the sample generator.
    Sample,
    /// `SqlOptions`: the warehouse query.
    Sql,
    /// `CheckOptions`: the model check on held-out journeys.
    Check,
    /// `LagOptions`: time lag and path length of converting journeys.
    Lag,
}

impl Group {
    /// Every group, in the order the catalogue lists them.
    pub const ALL: [Self; 12] = [
        Self::Model,
        Self::Report,
        Self::Campaign,
        Self::Compare,
        Self::Money,
        Self::Budget,
        Self::PathsExport,
        Self::MarkovExport,
        Self::Sample,
        Self::Sql,
        Self::Check,
        Self::Lag,
    ];

    /// The group's name in the exported catalogue.
    pub fn name(self) -> &'static str {
        match self {
            Self::Model => "model",
            Self::Report => "report",
            Self::Campaign => "campaign",
            Self::Compare => "compare",
            Self::Money => "money",
            Self::Budget => "budget",
            Self::PathsExport => "pathsExport",
            Self::MarkovExport => "markovExport",
            Self::Sample => "sample",
            Self::Sql => "sql",
            Self::Check => "check",
            Self::Lag => "lag",
        }
    }

    /// The TypeScript type of the group's options object.
    pub fn type_name(self) -> &'static str {
        match self {
            Self::Model => "ModelOptions",
            Self::Report => "ReportOptions",
            Self::Campaign => "CampaignOptions",
            Self::Compare => "CompareOptions",
            Self::Money => "MoneyOptions",
            Self::Budget => "BudgetOptions",
            Self::PathsExport => "PathsExport",
            Self::MarkovExport => "MarkovExport",
            Self::Sample => "SampleOptions",
            Self::Sql => "SqlOptions",
            Self::Check => "CheckOptions",
            Self::Lag => "LagOptions",
        }
    }

    /// The options objects this one sits inside, and under which key.
    pub fn nested_in(self) -> &'static [(Self, &'static str)] {
        match self {
            Self::Model => &[
                (Self::Report, "modelOptions"),
                (Self::Money, "modelOptions"),
                (Self::Compare, "modelOptions"),
                (Self::Check, "modelOptions"),
            ],
            Self::Campaign => &[
                (Self::Report, "input"),
                (Self::Money, "input"),
                (Self::PathsExport, "input"),
                (Self::MarkovExport, "input"),
                (Self::Check, "input"),
                (Self::Lag, "input"),
            ],
            _ => &[],
        }
    }
}

/// What a setting holds, with its bounds and default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A number from `min` to `max`.
    Number(Number),
    /// On or off.
    Flag {
        /// The default.
        default: bool,
    },
    /// One of a few names.
    Choice {
        /// The names allowed.
        values: &'static [&'static str],
        /// The default.
        default: &'static str,
    },
    /// One model's id.
    Model {
        /// Only models that can decide commission order by order.
        basis_only: bool,
        /// The default.
        default: &'static str,
    },
    /// A list of model ids; the default is every model [`ModelEntry::in_default`] marks.
    Models,
    /// A list of lookback windows, each 1 to [`MAX_WINDOW_DAYS`] days.
    Windows {
        /// The default.
        default: &'static [u32],
    },
    /// A rate such as `10%` or `0.1`, from 0 to 100%.
    Rate {
        /// The default, as a decimal fraction.
        default: &'static str,
    },
    /// An amount of money in yuan.
    Amount {
        /// The default; `None` when it is computed from the campaign.
        default: Option<&'static str>,
    },
    /// Free text.
    Text {
        /// The default.
        default: &'static str,
    },
    /// A calendar date, `YYYY-MM-DD`; none by default.
    Date,
    /// Lookback days per product category, each 1 to [`MAX_WINDOW_DAYS`] days; exported as a
    /// structured value (`CATEGORY=DAYS`) whose default is the table.
    CategoryDays {
        /// The default table: (category, days).
        default: &'static [(&'static str, u32)],
    },
    /// A structured value (a list of rules, a mapping): `syntax` says how the CLI writes one.
    Structured {
        /// How one item is written on the command line.
        syntax: &'static str,
    },
}

/// A number's bounds, default and the step a form offers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The least value (exclusive when `above_min`).
    pub min: f64,
    /// The greatest value.
    pub max: f64,
    /// The value must be strictly above `min`.
    pub above_min: bool,
    /// The value must be a whole number.
    pub whole: bool,
    /// The step a form's arrows move by.
    pub step: f64,
    /// The default.
    pub default: f64,
    /// Why the bounds are what they are, said after the range when a value is refused.
    pub why: &'static str,
}

impl Number {
    /// A whole number from `min` to `max`.
    pub const fn whole(min: f64, max: f64, default: f64) -> Self {
        Self { min, max, above_min: false, whole: true, step: 1.0, default, why: "" }
    }

    /// A number from `min` to `max`, moved by `step` in a form.
    pub const fn real(min: f64, max: f64, step: f64, default: f64) -> Self {
        Self { min, max, above_min: false, whole: false, step, default, why: "" }
    }

    /// The same bounds, with a reason said when a value is refused.
    #[must_use]
    pub const fn because(self, why: &'static str) -> Self {
        Self { why, ..self }
    }

    /// The same bounds, `min` itself excluded.
    #[must_use]
    pub const fn above(self) -> Self {
        Self { above_min: true, ..self }
    }

    /// Whether `value` is allowed.
    pub fn allows(&self, value: f64) -> bool {
        let low = if self.above_min { value > self.min } else { value >= self.min };
        value.is_finite() && low && value <= self.max && (!self.whole || value.fract() == 0.0)
    }

    /// Why a value outside the bounds is refused, e.g. `must be a whole number from 1 to 720
    /// hours`.
    pub fn rule(&self, unit: &str) -> String {
        let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
        let range = if self.above_min {
            format!("must be above {} and at most {}{unit}", self.min, self.max)
        } else if self.whole {
            format!("must be a whole number from {} to {}{unit}", self.min, self.max)
        } else {
            format!("must be from {} to {}{unit}", self.min, self.max)
        };
        if self.why.is_empty() { range } else { format!("{range}: {}", self.why) }
    }
}

/// One option: where it sits, how the CLI spells it, what it holds, and what it means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    /// The options object it belongs to.
    pub group: Group,
    /// Its JSON path inside that object, e.g. `halfLifeDays` or `baseline.days`; errors name it.
    pub path: &'static str,
    /// Its CLI flag without the dashes, if the CLI takes it on its own.
    pub flag: Option<&'static str>,
    /// What the flag's value is called in `--help` (e.g. `DAYS`).
    pub metavar: &'static str,
    /// The unit its numbers are in (`days`, `hours`), or empty.
    pub unit: &'static str,
    /// The model it parameterises, if one.
    pub model: Option<&'static str>,
    /// What it holds, with bounds and default.
    pub kind: Kind,
    /// A short label for a form.
    pub label: Text,
    /// One line of help.
    pub help: Text,
}

impl Setting {
    /// The number's bounds.
    ///
    /// # Panics
    /// When the setting is not a number: a mistake in the catalogue, caught by its tests.
    pub fn number(&self) -> &Number {
        match &self.kind {
            Kind::Number(number) => number,
            _ => panic!("catalogue: {} is not a number", self.path),
        }
    }

    /// Checks a number against the setting's bounds.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming the setting's path and its allowed range.
    pub fn check(&self, value: impl Into<f64> + fmt::Display + Copy) -> Result<(), Error> {
        let number = self.number();
        if number.allows(value.into()) {
            Ok(())
        } else {
            Err(Error::invalid_option(self.path, value, number.rule(self.unit)))
        }
    }

    /// The default number, as an `f64`.
    pub fn default_number(&self) -> f64 {
        self.number().default
    }

    /// The default of a whole, non-negative number setting (the catalogue's tests check every
    /// default is whole and within its bounds).
    #[allow(clippy::cast_sign_loss)]
    pub fn default_whole(&self) -> u64 {
        self.default_number() as u64
    }

    /// The default flag.
    ///
    /// # Panics
    /// When the setting is not a flag (caught by the catalogue's tests).
    pub fn default_flag(&self) -> bool {
        match self.kind {
            Kind::Flag { default } => default,
            _ => panic!("catalogue: {} is not a flag", self.path),
        }
    }

    /// The default text of a choice, model, rate or text setting.
    ///
    /// # Panics
    /// When the setting has no text default (caught by the catalogue's tests).
    pub fn default_text(&self) -> &'static str {
        match self.kind {
            Kind::Choice { default, .. }
            | Kind::Model { default, .. }
            | Kind::Rate { default }
            | Kind::Text { default } => default,
            _ => panic!("catalogue: {} has no text default", self.path),
        }
    }

    /// The default days per category.
    ///
    /// # Panics
    /// When the setting is not a table of days per category (caught by the catalogue's tests).
    pub fn default_category_days(&self) -> &'static [(&'static str, u32)] {
        match self.kind {
            Kind::CategoryDays { default } => default,
            _ => panic!("catalogue: {} is not a table of days per category", self.path),
        }
    }

    /// The default windows.
    ///
    /// # Panics
    /// When the setting is not a list of windows (caught by the catalogue's tests).
    pub fn default_windows(&self) -> &'static [u32] {
        match self.kind {
            Kind::Windows { default } => default,
            _ => panic!("catalogue: {} is not a list of windows", self.path),
        }
    }
}

impl Setting {
    /// What a value of this setting must be, as a refusal says it (`must be a whole number from 1
    /// to 720 hours`); `None` for a structured value, whose own reader says what is wrong.
    pub fn refusal(&self) -> Option<String> {
        let ids = |basis_only: bool| {
            let ids: Vec<&str> = MODELS.iter().filter(|m| !basis_only || m.commission_basis).map(|m| m.id).collect();
            ids.join(", ")
        };
        Some(match self.kind {
            Kind::Number(number) => number.rule(self.unit),
            Kind::Windows { .. } => format!("must be a list of lookback windows: {}", window_rule()),
            Kind::CategoryDays { .. } => format!("must be a lookback window in whole days: {}", window_rule()),
            Kind::Flag { .. } => "must be true or false".to_owned(),
            Kind::Choice { values, .. } => format!("must be one of: {}", values.join(", ")),
            Kind::Model { basis_only, .. } => format!("must be one of the models: {}", ids(basis_only)),
            Kind::Models => format!("must be a list of models from: {}", ids(false)),
            Kind::Rate { .. } => "must be a rate such as \"10%\" or 0.1, at most 100%".to_owned(),
            Kind::Amount { .. } => "must be an amount in yuan and fen such as 5000 or \"¥5,000.00\"".to_owned(),
            Kind::Text { .. } => "must be text".to_owned(),
            Kind::Date => "must be a date written YYYY-MM-DD".to_owned(),
            Kind::Structured { .. } => return None,
        })
    }
}

/// The rule every lookback window follows, as messages say it.
pub fn window_rule() -> String {
    format!("a window is 1 to {MAX_WINDOW_DAYS} days")
}

/// Whether `days` is a lookback window the engine accepts.
pub fn is_window(days: u32) -> bool {
    (1..=MAX_WINDOW_DAYS).contains(&days)
}

/// Checks one lookback window, naming `option` when it is refused.
///
/// # Errors
/// [`Error::InvalidOption`] with [`window_rule`].
pub fn check_window(option: &str, days: u32) -> Result<(), Error> {
    if is_window(days) { Ok(()) } else { Err(Error::invalid_option(option, days, window_rule())) }
}

#[cfg(test)]
mod tests;

impl Setting {
    /// A setting with no flag, unit or model yet.
    pub const fn new(group: Group, path: &'static str, kind: Kind, label: Text, help: Text) -> Self {
        Self { group, path, flag: None, metavar: "", unit: "", model: None, kind, label, help }
    }

    /// Its CLI flag (without dashes) and what the flag's value is called.
    #[must_use]
    pub const fn flag(self, flag: &'static str, metavar: &'static str) -> Self {
        Self { flag: Some(flag), metavar, ..self }
    }

    /// The unit its numbers are in.
    #[must_use]
    pub const fn unit(self, unit: &'static str) -> Self {
        Self { unit, ..self }
    }

    /// The model it parameterises.
    #[must_use]
    pub const fn of_model(self, model: &'static str) -> Self {
        Self { model: Some(model), ..self }
    }
}
