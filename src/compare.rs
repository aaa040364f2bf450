//! The comparison: every selected model's credit per channel, with each cell's change against a
//! baseline, as one plain result object that the page, the CLI and the tests all read.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::allocation::largest_remainder_ranked;
use crate::catalogue::settings::{BASELINE_DAYS, BASELINE_MODEL};
use crate::credit::{Credit, model_credit};
use crate::error::Error;
use crate::markov::{MarkovChain, RemovalEffect, check_order, markov_chain};
use crate::models::{Model, ModelOptions};
use crate::paths::{PathTable, PathsOptions, read_path_windows, read_paths};
use crate::shapley::ShapleySummary;

/// What to compute over a paths file, and how to read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CompareOptions {
    /// Models to compute, in report order (default: every model the paths support: all nine when
    /// they carry touch types and ages, else the six that need neither).
    #[cfg_attr(test, ts(optional))]
    pub models: Option<Vec<Model>>,
    /// The model every cell is compared against (default `last_touch`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub baseline: Model,
    /// The models' parameters.
    #[cfg_attr(test, ts(optional = nullable))]
    pub model_options: ModelOptions,
    /// How to read the paths file.
    #[cfg_attr(test, ts(optional = nullable))]
    pub paths: PathsOptions,
}

impl Default for CompareOptions {
    fn default() -> Self {
        Self {
            models: None,
            baseline: Model::LastTouch,
            model_options: ModelOptions::default(),
            paths: PathsOptions::default(),
        }
    }
}

/// Totals of the input, which every model's credits and unattributed amounts sum to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Path rows read; for a campaign window, orders plus non-converting journeys.
    pub paths: usize,
    /// Conversions (orders).
    pub conversions: f64,
    /// Conversion value, exact, as a decimal string.
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    /// Conversion value after refunds, exact, as a decimal string.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
    /// Non-converting journeys.
    pub nulls: f64,
    /// Decimal places every value is given to (at least 2, the fen).
    pub value_scale: u32,
}

/// What one model credits to no one: orders without an eligible touch (in the lookback window,
/// or for the platform rule without a click in its click window).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ModelUnattributed {
    /// The model.
    pub model: Model,
    /// Conversions credited to no one.
    pub conversions: f64,
    /// Their value.
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    /// Their value after refunds.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
}

/// One model's credit for one channel, and its change against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChannelCredit {
    /// The model.
    pub model: Model,
    /// The channel (creator `kol_id`, tier, or path channel).
    pub channel: String,
    /// Conversions credited (fractional).
    pub conversions: f64,
    /// Share of all conversions, 0 to 1.
    pub conversion_share: f64,
    /// Value credited, rounded to `totals.valueScale` decimals by largest remainder so that a
    /// model's values and its unattributed value sum exactly to `totals.value`.
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    /// Share of all value, 0 to 1 (of the rounded `value`).
    pub value_share: f64,
    /// Value after refunds credited, rounded like `value`.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
    /// `value` minus the baseline's value for this channel.
    #[cfg_attr(test, ts(type = "string"))]
    pub value_change: Decimal,
    /// `valueChange` as a percentage of the baseline's value; `null` when that is zero.
    pub value_change_percent: Option<f64>,
    /// `conversions` minus the baseline's.
    pub conversions_change: f64,
    /// `valueShare` minus the baseline's, as a fraction (0.05 is five percentage points).
    pub value_share_change: f64,
    /// 90% bootstrap interval of `valueShare` (tiers of a campaign report, when asked for).
    pub interval: Option<[f64; 2]>,
}

/// The model and window every cell is compared against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct Baseline {
    /// The baseline model (default `last_touch`).
    pub model: Model,
    /// The baseline lookback window in days (`null`: 30 in options, none for paths results).
    pub days: Option<u32>,
}

impl Default for Baseline {
    fn default() -> Self {
        let model = BASELINE_MODEL.default_text();
        Self {
            model: Model::from_id(model).unwrap_or(Model::LastTouch),
            days: Some(BASELINE_DAYS.default_whole() as u32),
        }
    }
}

/// Every selected model's credit for every channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Models computed, in the order requested.
    pub models: Vec<Model>,
    /// Channels in input order (creators: roster order; tiers: largest first).
    pub channels: Vec<String>,
    /// Totals of the input.
    pub totals: Totals,
    /// What each model credits to no one, in `models` order.
    pub unattributed: Vec<ModelUnattributed>,
    /// What the changes are measured against.
    pub baseline: Baseline,
    /// One entry per model and channel: models in `models` order, channels in `channels` order.
    pub credits: Vec<ChannelCredit>,
    /// `markov`'s removal effect per channel, `channels` order; empty unless `markov` was
    /// computed at this level (tiers sum their creators' credit, so they have none).
    pub removal_effects: Vec<RemovalEffect>,
    /// How `shapley`'s values were found, when it was computed.
    pub shapley: Option<ShapleySummary>,
}

/// One model's raw credit per channel and what it left unattributed.
#[derive(Debug, Clone)]
pub(crate) struct ModelCredit {
    pub model: Model,
    pub credits: Vec<Credit>,
    pub unattributed: Credit,
    /// What a data-driven model found besides the credit.
    pub fitted: Option<Fitted>,
}

/// What a data-driven model reports besides its credit.
#[derive(Debug, Clone)]
pub(crate) enum Fitted {
    /// Per channel: removal effects on conversions, value and net value.
    Markov(Vec<[f64; 3]>),
    /// How the Shapley values were found.
    Shapley(ShapleySummary),
}

/// Reads a paths file and computes every requested model.
///
/// # Errors
/// [`Error::Input`] with every problem in the file; [`Error::InvalidOption`] for bad options,
/// including a model that needs touch times or types, which paths do not have, and a file that
/// holds several lookback windows (see [`compare_path_windows`]).
pub fn compare_paths(text: &str, options: &CompareOptions) -> Result<Comparison, Error> {
    check_options(options)?;
    let paths = read_paths(text, &options.paths)?;
    let models = options.models_for(paths.has_events())?;
    Ok(compare(&paths, &models, options.baseline, &options.model_options))
}

/// One lookback window's comparison from a paths file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WindowComparison {
    /// The window in days; `null` for a file without a window column.
    pub days: Option<u32>,
    /// Every requested model, against the baseline model in the same window.
    pub comparison: Comparison,
}

/// Every window of a paths file, compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PathWindows {
    /// One per window, shortest first.
    pub windows: Vec<WindowComparison>,
    /// Models these paths cannot give, because they need each touch's time or type and the file has
    /// no `touch_types` and `touch_ages_seconds` columns: for those, give the event-level files
    /// (creators, touchpoints, orders) or paths with those columns.
    pub needs_events: Vec<Model>,
}

/// Reads a paths file holding one or several lookback windows (a `window_days` column, as the
/// warehouse SQL writes it) and compares every requested model in each.
///
/// # Errors
/// As [`compare_paths`], without the refusal of several windows.
pub fn compare_path_windows(text: &str, options: &CompareOptions) -> Result<PathWindows, Error> {
    check_options(options)?;
    let windows = read_path_windows(text, &options.paths)?;
    let has_events = windows.iter().any(|w| w.paths.has_events());
    let models = options.models_for(has_events)?;
    let windows = windows
        .into_iter()
        .map(|w| WindowComparison {
            days: w.days,
            comparison: compare(&w.paths, &models, options.baseline, &options.model_options),
        })
        .collect();
    let needs_events =
        if has_events { Vec::new() } else { Model::ALL.into_iter().filter(|m| m.needs_events()).collect() };
    Ok(PathWindows { windows, needs_events })
}

fn check_options(options: &CompareOptions) -> Result<(), Error> {
    if options.models.as_ref().is_some_and(Vec::is_empty) {
        return Err(Error::invalid_option("models", "[]", "choose at least one model"));
    }
    options.model_options.validate()
}

impl CompareOptions {
    /// The models to compute on paths that do (or do not) carry touch types and ages, refusing
    /// one that needs them when they do not.
    fn models_for(&self, has_events: bool) -> Result<Vec<Model>, Error> {
        let Some(models) = &self.models else {
            return Ok(Model::ALL.into_iter().filter(|m| has_events || !m.needs_events()).collect());
        };
        if has_events {
            return Ok(models.clone());
        }
        if let Some(model) = models.iter().chain([&self.baseline]).find(|m| m.needs_events()) {
            return Err(Error::invalid_option(
                "models",
                model.name(),
                "needs touch times and types, which these paths do not have: give the creators, touchpoints and orders, or paths with touch_types and touch_ages_seconds columns",
            ));
        }
        Ok(models.clone())
    }
}

/// Which Markov chain to fit on a paths file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct PathsMarkov {
    /// Channels a state remembers, 1 to 4 (default 1).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub order: usize,
    /// Read a channel repeated back to back as one (default false).
    #[cfg_attr(test, ts(optional = nullable))]
    pub collapse_repeats: bool,
    /// How to read the paths file.
    #[cfg_attr(test, ts(optional = nullable))]
    pub paths: PathsOptions,
}

impl Default for PathsMarkov {
    fn default() -> Self {
        Self { order: 1, collapse_repeats: false, paths: PathsOptions::default() }
    }
}

/// A paths file's Markov chain: transitions and removal effects.
///
/// # Errors
/// [`Error::InvalidOption`] for a bad order; [`Error::Input`] with every problem in the file.
pub fn paths_markov(text: &str, options: &PathsMarkov) -> Result<MarkovChain, Error> {
    check_order(options.order)?;
    let paths = read_paths(text, &options.paths)?;
    Ok(markov_chain(&paths, options.order, options.collapse_repeats))
}

/// Computes `models` over already-read paths, with changes against `baseline`.
pub fn compare(paths: &PathTable, models: &[Model], baseline: Model, options: &ModelOptions) -> Comparison {
    let scale = paths.value_scale();
    let totals = Totals {
        paths: paths.rows(),
        conversions: paths.total_conversions(),
        value: paths.total_value(),
        net_value: paths.total_net_value(),
        nulls: paths.total_nulls(),
        value_scale: scale,
    };
    let credit = |model| model_credit(paths, model, options);
    let channels = paths.channels().names().to_vec();
    let mut comparison = build(channels.clone(), totals.clone(), models.iter().map(|&m| credit(m)).collect());
    let reference = build(channels, totals, vec![credit(baseline)]);
    apply_baseline(&mut comparison, &reference, Baseline { model: baseline, days: None });
    comparison
}

/// Rounds every model's credit to the fen (by largest remainder, so that each model's values
/// plus its unattributed value sum exactly to the totals) and computes shares. Changes against
/// a baseline are zero until [`apply_baseline`].
pub(crate) fn build(channels: Vec<String>, mut totals: Totals, per_model: Vec<ModelCredit>) -> Comparison {
    let scale = totals.value_scale;
    totals.value = with_scale(totals.value, scale);
    totals.net_value = with_scale(totals.net_value, scale);
    // Shares are for display and charts; the money itself stays decimal.
    let total_value = totals.value.to_f64().unwrap_or(0.0);
    let mut credits = Vec::with_capacity(per_model.len() * channels.len());
    let mut unattributed = Vec::with_capacity(per_model.len());
    let mut models = Vec::with_capacity(per_model.len());
    let (mut removal_effects, mut shapley) = (Vec::new(), None);
    // Equal remainders go to the channel first in name order, whatever the order of the rows.
    let mut by_name: Vec<usize> = (0..channels.len()).collect();
    by_name.sort_by(|&a, &b| channels[a].cmp(&channels[b]));
    let mut rank = vec![0; channels.len()];
    for (position, &channel) in by_name.iter().enumerate() {
        rank[channel] = position;
    }
    for entry in per_model {
        match entry.fitted {
            Some(Fitted::Markov(effects)) => {
                removal_effects = channels
                    .iter()
                    .zip(effects)
                    .map(|(channel, [conversion, value, net_value])| RemovalEffect {
                        channel: channel.clone(),
                        conversion,
                        value,
                        net_value,
                    })
                    .collect();
            }
            Some(Fitted::Shapley(summary)) => shapley = Some(summary),
            None => {}
        }
        let lost = entry.unattributed;
        let values: Vec<Decimal> = entry.credits.iter().map(|c| c.value).collect();
        let net_values: Vec<Decimal> = entry.credits.iter().map(|c| c.net_value).collect();
        let rounded = largest_remainder_ranked(totals.value - with_scale(lost.value, scale), &values, scale, &rank);
        let rounded_net =
            largest_remainder_ranked(totals.net_value - with_scale(lost.net_value, scale), &net_values, scale, &rank);
        for (((channel, credit), value), net_value) in channels.iter().zip(&entry.credits).zip(rounded).zip(rounded_net)
        {
            credits.push(ChannelCredit {
                model: entry.model,
                channel: channel.clone(),
                conversions: credit.conversions,
                conversion_share: share(credit.conversions, totals.conversions),
                // The share of the value shown, so the two always agree.
                value_share: share(value.to_f64().unwrap_or(0.0), total_value),
                value: with_scale(value, scale),
                net_value: with_scale(net_value, scale),
                value_change: Decimal::ZERO,
                value_change_percent: None,
                conversions_change: 0.0,
                value_share_change: 0.0,
                interval: None,
            });
        }
        unattributed.push(ModelUnattributed {
            model: entry.model,
            conversions: lost.conversions,
            value: with_scale(lost.value, scale),
            net_value: with_scale(lost.net_value, scale),
        });
        models.push(entry.model);
    }
    Comparison {
        models,
        channels,
        totals,
        unattributed,
        baseline: Baseline::default(),
        credits,
        removal_effects,
        shapley,
    }
}

/// The same comparison one level up: each group's credit is the sum of its members' rounded
/// credit, so both levels reconcile to the fen. `group_of[c]` is channel `c`'s group.
pub(crate) fn roll_up(members: &Comparison, group_of: &[usize], groups: Vec<String>) -> Comparison {
    let per_model = members.channels.len();
    let total_value = members.totals.value.to_f64().unwrap_or(0.0);
    let mut credits = Vec::with_capacity(members.models.len() * groups.len());
    for (m, &model) in members.models.iter().enumerate() {
        let mut sums: Vec<(f64, Decimal, Decimal)> = vec![(0.0, Decimal::ZERO, Decimal::ZERO); groups.len()];
        for (c, credit) in members.credits[m * per_model..(m + 1) * per_model].iter().enumerate() {
            let sum = &mut sums[group_of[c]];
            sum.0 += credit.conversions;
            sum.1 += credit.value;
            sum.2 += credit.net_value;
        }
        for (group, (conversions, value, net_value)) in groups.iter().zip(sums) {
            credits.push(ChannelCredit {
                model,
                channel: group.clone(),
                conversions,
                conversion_share: share(conversions, members.totals.conversions),
                value_share: share(value.to_f64().unwrap_or(0.0), total_value),
                value,
                net_value,
                value_change: Decimal::ZERO,
                value_change_percent: None,
                conversions_change: 0.0,
                value_share_change: 0.0,
                interval: None,
            });
        }
    }
    Comparison {
        models: members.models.clone(),
        channels: groups,
        totals: members.totals.clone(),
        unattributed: members.unattributed.clone(),
        baseline: members.baseline,
        credits,
        removal_effects: Vec::new(),
        shapley: members.shapley.clone(),
    }
}

/// Fills every credit's change against `reference`'s first model, channel by channel.
pub(crate) fn apply_baseline(comparison: &mut Comparison, reference: &Comparison, baseline: Baseline) {
    comparison.baseline = baseline;
    let per_model = comparison.channels.len();
    for (i, credit) in comparison.credits.iter_mut().enumerate() {
        let Some(base) = reference.credits.get(i % per_model) else { continue };
        credit.value_change = credit.value - base.value;
        credit.value_change_percent =
            (!base.value.is_zero()).then(|| (credit.value_change / base.value).to_f64().map(|r| r * 100.0)).flatten();
        credit.conversions_change = credit.conversions - base.conversions;
        credit.value_share_change = credit.value_share - base.value_share;
    }
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

fn with_scale(mut value: Decimal, scale: u32) -> Decimal {
    value.rescale(scale);
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_models_and_event_models_on_paths_are_option_errors() {
        let none = CompareOptions { models: Some(vec![]), ..CompareOptions::default() };
        assert!(matches!(compare_paths("path,total_conversions\nA,1\n", &none), Err(Error::InvalidOption { .. })));
        let decay = CompareOptions { models: Some(vec![Model::TimeDecay]), ..CompareOptions::default() };
        let error = compare_paths("path,total_conversions\nA,1\n", &decay).unwrap_err();
        assert!(error.to_string().contains("time_decay"), "{error}");
    }

    #[test]
    fn values_are_given_at_the_file_scale_with_changes_against_last_touch() {
        let options =
            CompareOptions { models: Some(vec![Model::FirstTouch, Model::Linear]), ..CompareOptions::default() };
        let result = compare_paths("path,total_conversions,total_conversion_value\nA > B,1,10\n", &options).unwrap();
        assert_eq!(result.totals.value.to_string(), "10.00");
        let values: Vec<String> = result.credits.iter().map(|c| c.value.to_string()).collect();
        assert_eq!(values, ["10.00", "0.00", "5.00", "5.00"]);
        let changes: Vec<String> = result.credits.iter().map(|c| c.value_change.to_string()).collect();
        assert_eq!(changes, ["10.00", "-10.00", "5.00", "-5.00"]);
        assert_eq!(result.credits[0].value_change_percent, None, "A had nothing under last touch");
        assert_eq!(result.credits[3].value_change_percent, Some(-50.0));
        assert_eq!(result.credits[1].value_share_change, -1.0);
    }

    #[test]
    fn options_deserialize_with_defaults_and_refuse_unknown_fields() {
        let options: CompareOptions = serde_json::from_str(r#"{"paths":{"separator":"|"}}"#).unwrap();
        assert_eq!(
            options.models_for(false).unwrap(),
            [Model::FirstTouch, Model::LastTouch, Model::Linear, Model::PositionBased, Model::Markov, Model::Shapley]
        );
        assert_eq!(options.models_for(true).unwrap(), Model::ALL, "paths with touch types and ages give every model");
        assert_eq!(options.paths.separator, "|");
        assert!(serde_json::from_str::<CompareOptions>(r#"{"modles":[]}"#).is_err());
    }
}
