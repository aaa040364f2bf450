//! The comparison: every selected model's credit per channel, as one plain result object that the
//! page, the CLI and the tests all read.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::allocation::largest_remainder;
use crate::credit::attribute;
use crate::error::Error;
use crate::models::Model;
use crate::paths::{PathTable, PathsOptions, read_paths};

/// What to compute, and how to read the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct CompareOptions {
    /// Models to compute, in report order (default: every model).
    #[cfg_attr(test, ts(optional = nullable))]
    pub models: Vec<Model>,
    /// How to read the paths file.
    #[cfg_attr(test, ts(optional = nullable))]
    pub paths: PathsOptions,
}

impl Default for CompareOptions {
    fn default() -> Self {
        Self { models: Model::ALL.to_vec(), paths: PathsOptions::default() }
    }
}

/// Totals of the input, which every model's credits sum to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Path rows read.
    pub paths: usize,
    /// Conversions over all paths.
    pub conversions: f64,
    /// Conversion value over all paths, exact, as a decimal string.
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    /// Conversion value after refunds over all paths, exact, as a decimal string.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
    /// Non-converting journeys over all paths.
    pub nulls: f64,
    /// Decimal places every value is given to (at least 2, the fen).
    pub value_scale: u32,
}

/// One model's credit for one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChannelCredit {
    /// The model.
    pub model: Model,
    /// The channel (creator or tier) as named in the input.
    pub channel: String,
    /// Conversions credited (fractional).
    pub conversions: f64,
    /// Share of all conversions, 0 to 1.
    pub conversion_share: f64,
    /// Value credited, rounded to `totals.valueScale` decimals by largest remainder so that a
    /// model's values sum exactly to `totals.value`.
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    /// Share of all value, 0 to 1 (of the rounded `value`).
    pub value_share: f64,
    /// Value after refunds credited, rounded like `value` so that it sums to `totals.netValue`.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
}

/// Every selected model's credit for every channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Models computed, in the order requested.
    pub models: Vec<Model>,
    /// Channels in the order first seen in the input.
    pub channels: Vec<String>,
    /// Totals of the input.
    pub totals: Totals,
    /// One entry per model and channel: models in `models` order, channels in `channels` order.
    pub credits: Vec<ChannelCredit>,
}

/// Reads a paths file and computes every requested model.
///
/// # Errors
/// [`Error::Input`] with every problem in the file; [`Error::InvalidOption`] for bad options.
pub fn compare_paths(text: &str, options: &CompareOptions) -> Result<Comparison, Error> {
    if options.models.is_empty() {
        return Err(Error::invalid_option("models", "[]", "choose at least one model"));
    }
    let paths = read_paths(text, &options.paths)?;
    Ok(compare(&paths, &options.models))
}

/// Computes `models` over already-read paths.
pub fn compare(paths: &PathTable, models: &[Model]) -> Comparison {
    let scale = paths.value_scale();
    let totals = Totals {
        paths: paths.rows(),
        conversions: paths.total_conversions(),
        value: with_scale(paths.total_value(), scale),
        net_value: with_scale(paths.total_net_value(), scale),
        nulls: paths.total_nulls(),
        value_scale: scale,
    };
    let channels = paths.channels().names().to_vec();
    // Shares are for display and charts; the money itself stays decimal.
    let total_value = totals.value.to_f64().unwrap_or(0.0);
    let mut credits = Vec::with_capacity(models.len() * channels.len());
    for &model in models {
        let raw = attribute(paths, model);
        let values: Vec<Decimal> = raw.iter().map(|c| c.value).collect();
        let net_values: Vec<Decimal> = raw.iter().map(|c| c.net_value).collect();
        let rounded = largest_remainder(totals.value, &values, scale);
        let rounded_net = largest_remainder(totals.net_value, &net_values, scale);
        for (((channel, credit), value), net_value) in channels.iter().zip(&raw).zip(rounded).zip(rounded_net) {
            credits.push(ChannelCredit {
                model,
                channel: channel.clone(),
                conversions: credit.conversions,
                conversion_share: share(credit.conversions, totals.conversions),
                // The share of the value shown, so the two always agree.
                value_share: share(value.to_f64().unwrap_or(0.0), total_value),
                value: with_scale(value, scale),
                net_value: with_scale(net_value, scale),
            });
        }
    }
    Comparison { models: models.to_vec(), channels, totals, credits }
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
    fn no_models_is_an_option_error() {
        let options = CompareOptions { models: vec![], ..CompareOptions::default() };
        assert!(matches!(compare_paths("path,total_conversions\nA,1\n", &options), Err(Error::InvalidOption { .. })));
    }

    #[test]
    fn values_are_given_at_the_file_scale() {
        let result =
            compare_paths("path,total_conversions,total_conversion_value\nA > B,1,10\n", &CompareOptions::default())
                .unwrap();
        assert_eq!(result.totals.value.to_string(), "10.00");
        let values: Vec<String> = result.credits.iter().map(|c| c.value.to_string()).collect();
        assert_eq!(values, ["10.00", "0.00", "0.00", "10.00", "5.00", "5.00"]);
    }

    #[test]
    fn options_deserialize_with_defaults_and_refuse_unknown_fields() {
        let options: CompareOptions = serde_json::from_str(r#"{"paths":{"separator":"|"}}"#).unwrap();
        assert_eq!(options.models, Model::ALL);
        assert_eq!(options.paths.separator, "|");
        assert_eq!(options.paths.columns.path, "path");
        assert!(serde_json::from_str::<CompareOptions>(r#"{"modles":[]}"#).is_err());
    }
}
