//! The catalogue as JavaScript receives it (`catalogue()`): plain objects, typed in `wasm.d.ts`.

use serde::Serialize;

use super::channels::{CHANNEL_GROUPS, ChannelName, SALES_CHANNELS, SOURCES};
use super::{Group, Kind, MAX_WINDOW_DAYS, MODELS, SETTINGS, SHORTHANDS, Setting, Shorthand, Text};

/// A text in English and Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "CatalogueText"))]
pub struct TextInfo {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl From<Text> for TextInfo {
    fn from(text: Text) -> Self {
        Self { en: text.en.to_owned(), zh: text.zh.to_owned() }
    }
}

/// One model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_excessive_bools)] // Each is one trait of the model, named as the page reads it.
pub struct ModelInfo {
    /// The id the API, files and CLI use.
    #[cfg_attr(test, ts(type = "Model"))]
    pub id: String,
    /// Its name in a table or chart.
    pub label: TextInfo,
    /// One line on what it credits.
    pub about: TextInfo,
    /// Needs each touch's time or type (not available on plain aggregated paths).
    pub needs_events: bool,
    /// Fitted on every journey at once rather than applied order by order.
    pub data_driven: bool,
    /// Can decide who earns commission.
    pub commission_basis: bool,
    /// Part of the default model list.
    pub in_default: bool,
    /// Runs on a campaign's files only, never on an aggregated paths file.
    pub campaign_only: bool,
    /// Gives each journey a probability to convert, so the model check can score it.
    pub gives_probability: bool,
    /// Paths of its parameters among the `model` group's settings.
    pub settings: Vec<String>,
}

/// One option.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SettingInfo {
    /// The options object it belongs to (see `groups`).
    pub group: Group,
    /// Its JSON path in that object, as errors name it.
    pub path: String,
    /// Its CLI flag without dashes, if the CLI takes it on its own.
    pub flag: Option<String>,
    /// What the flag's value is called in `--help` (empty for a switch).
    pub metavar: String,
    /// `number`, `flag`, `choice`, `model`, `models`, `windows`, `rate`, `amount`, `text`, `date`
    /// or `structured`.
    pub kind: String,
    /// A number's least value.
    pub min: Option<f64>,
    /// A number's greatest value.
    pub max: Option<f64>,
    /// The number must be strictly above `min`.
    pub above_min: bool,
    /// The number must be whole.
    pub whole: bool,
    /// The step a form's arrows move by.
    pub step: Option<f64>,
    /// A choice's names, or the models a `model` setting allows.
    pub values: Vec<String>,
    /// The default: a number, boolean, text, list, table of days per category, or `null` when
    /// computed from the data.
    #[cfg_attr(
        test,
        ts(type = "number | boolean | string | Array<string> | Array<number> | { [category: string]: number } | null")
    )]
    pub default: serde_json::Value,
    /// The unit its numbers are in, or empty.
    pub unit: String,
    /// The model it parameterises.
    #[cfg_attr(test, ts(type = "Model | null"))]
    pub model: Option<String>,
    /// How a structured value's item is written on the command line.
    pub syntax: Option<String>,
    /// Why a value out of range is refused, in the engine's words (numbers only).
    pub rule: Option<String>,
    /// A short label.
    pub label: TextInfo,
    /// One line of help.
    pub help: TextInfo,
}

/// A CLI flag that sets several settings at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShorthandInfo {
    /// The flag, without dashes.
    pub flag: String,
    /// What its value looks like.
    pub metavar: String,
    /// The group of the settings it sets.
    pub group: Group,
    /// Text between its parts, in order; `null`: `NAME=VALUE` pairs separated by commas.
    pub separator: Option<String>,
    /// Each part's name and the path of the setting it sets.
    pub parts: Vec<(String, String)>,
    /// One line of help.
    pub help: TextInfo,
}

/// An options object and where it sits inside others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GroupInfo {
    /// The group's name, as settings name it.
    pub id: Group,
    /// The TypeScript type of its options object.
    pub type_name: String,
    /// (group, key): it sits under `key` in that group's options object.
    pub nested_in: Vec<(Group, String)>,
}

/// Every model and option the engine knows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Catalogue {
    /// The engine's version.
    pub version: String,
    /// The longest lookback window, in days (the shortest is 1).
    pub max_window_days: u32,
    /// Every model, in report order.
    pub models: Vec<ModelInfo>,
    /// Every options object.
    pub groups: Vec<GroupInfo>,
    /// Every option.
    pub settings: Vec<SettingInfo>,
    /// CLI flags that set several options at once.
    pub shorthands: Vec<ShorthandInfo>,
    /// The channels that are not creators: their ids and labels.
    pub channels: ChannelsInfo,
}

/// A channel that is not a creator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ChannelInfo {
    /// The id in files, reports and options.
    pub id: String,
    /// Its name in a table or chart.
    pub label: TextInfo,
    /// A source's channel group (`null` for a group or a sales channel).
    pub group: Option<String>,
}

/// The channels beside the creators, each list in report order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChannelsInfo {
    /// The channel groups: `creators`, then the groups of sources (each a tier after the creator tiers).
    pub groups: Vec<ChannelInfo>,
    /// The sources a touch log's `source` column may name (`other` for any other).
    pub sources: Vec<ChannelInfo>,
    /// The sales channels orders land on (the orders' `channel` column).
    pub sales_channels: Vec<ChannelInfo>,
}

fn channel_info(c: &ChannelName) -> ChannelInfo {
    ChannelInfo { id: c.id.to_owned(), label: c.label.into(), group: None }
}

fn setting_info(s: &Setting) -> SettingInfo {
    let mut info = SettingInfo {
        group: s.group,
        path: s.path.to_owned(),
        flag: s.flag.map(str::to_owned),
        metavar: s.metavar.to_owned(),
        kind: String::new(),
        min: None,
        max: None,
        above_min: false,
        whole: false,
        step: None,
        values: Vec::new(),
        default: serde_json::Value::Null,
        unit: s.unit.to_owned(),
        model: s.model.map(str::to_owned),
        syntax: None,
        rule: None,
        label: s.label.into(),
        help: s.help.into(),
    };
    let (kind, default) = match s.kind {
        Kind::Number(n) => {
            info.min = Some(n.min);
            info.max = Some(n.max);
            info.above_min = n.above_min;
            info.whole = n.whole;
            info.step = Some(n.step);
            info.rule = Some(n.rule(s.unit));
            ("number", serde_json::json!(n.default))
        }
        Kind::Flag { default } => ("flag", default.into()),
        Kind::Choice { values, default } => {
            info.values = values.iter().map(|v| (*v).to_owned()).collect();
            ("choice", default.into())
        }
        Kind::Model { basis_only, default } => {
            info.values =
                MODELS.iter().filter(|m| !basis_only || m.commission_basis).map(|m| m.id.to_owned()).collect();
            ("model", default.into())
        }
        Kind::Models => {
            info.values = MODELS.iter().map(|m| m.id.to_owned()).collect();
            let defaults: Vec<&str> = MODELS.iter().filter(|m| m.in_default).map(|m| m.id).collect();
            ("models", defaults.into())
        }
        Kind::Windows { default } => {
            info.min = Some(1.0);
            info.max = Some(f64::from(MAX_WINDOW_DAYS));
            info.whole = true;
            info.rule = Some(super::window_rule());
            ("windows", default.to_vec().into())
        }
        Kind::CategoryDays { default } => {
            // Written on the command line like any structured value; its numbers are windows.
            info.syntax = Some(s.metavar.to_owned());
            info.min = Some(1.0);
            info.max = Some(f64::from(MAX_WINDOW_DAYS));
            info.whole = true;
            info.rule = Some(super::window_rule());
            let table: serde_json::Map<String, serde_json::Value> =
                default.iter().map(|&(category, days)| (category.to_owned(), days.into())).collect();
            ("structured", table.into())
        }
        Kind::Rate { default } => ("rate", default.into()),
        Kind::Amount { default } => ("amount", default.map_or(serde_json::Value::Null, Into::into)),
        Kind::Text { default } => ("text", default.into()),
        Kind::Date => ("date", serde_json::Value::Null),
        Kind::Structured { syntax } => {
            info.syntax = Some(syntax.to_owned());
            ("structured", serde_json::Value::Null)
        }
    };
    kind.clone_into(&mut info.kind);
    info.default = default;
    info
}

fn shorthand_info(s: &Shorthand) -> ShorthandInfo {
    ShorthandInfo {
        flag: s.flag.to_owned(),
        metavar: s.metavar.to_owned(),
        group: s.group,
        separator: s.separator.map(str::to_owned),
        parts: s.parts.iter().map(|(name, path)| ((*name).to_owned(), (*path).to_owned())).collect(),
        help: s.help.into(),
    }
}

/// The whole catalogue, for JavaScript.
pub fn catalogue() -> Catalogue {
    Catalogue {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        max_window_days: MAX_WINDOW_DAYS,
        models: MODELS
            .iter()
            .map(|m| ModelInfo {
                id: m.id.to_owned(),
                label: m.label.into(),
                about: m.about.into(),
                needs_events: m.needs_events,
                data_driven: m.data_driven,
                commission_basis: m.commission_basis,
                in_default: m.in_default,
                campaign_only: m.campaign_only,
                gives_probability: m.gives_probability,
                settings: m.settings.iter().map(|s| (*s).to_owned()).collect(),
            })
            .collect(),
        groups: Group::ALL
            .iter()
            .map(|g| GroupInfo {
                id: *g,
                type_name: g.type_name().to_owned(),
                nested_in: g.nested_in().iter().map(|(p, key)| (*p, (*key).to_owned())).collect(),
            })
            .collect(),
        settings: SETTINGS.iter().map(|s| setting_info(s)).collect(),
        shorthands: SHORTHANDS.iter().map(shorthand_info).collect(),
        channels: ChannelsInfo {
            groups: CHANNEL_GROUPS.iter().map(channel_info).collect(),
            sources: SOURCES
                .iter()
                .map(|s| ChannelInfo { id: s.id.to_owned(), label: s.label.into(), group: Some(s.group.to_owned()) })
                .collect(),
            sales_channels: SALES_CHANNELS.iter().map(channel_info).collect(),
        },
    }
}
