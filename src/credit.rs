//! Accumulating each model's credit per channel over a paths table.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::compare::{Fitted, ModelCredit};
use crate::models::{Model, ModelOptions, Touches};
use crate::paths::PathTable;
use crate::{markov, shapley};

/// The credit one model gives one channel, before rounding for display.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Credit {
    /// Conversions credited (fractional).
    pub conversions: f64,
    /// Conversion value credited, in full precision.
    pub value: Decimal,
    /// Value after refunds credited, in full precision.
    pub net_value: Decimal,
}

impl Credit {
    /// Adds `weight` of an order (or path row) with `conversions`, `value` and `net_value`.
    pub fn add(&mut self, weight: f64, conversions: f64, value: Decimal, net_value: Decimal) {
        if weight == 0.0 {
            return;
        }
        self.conversions += conversions * weight;
        // Whole weights (first and last touch) stay exact; fractions carry 16 significant digits.
        if weight >= 1.0 {
            self.value += value;
            self.net_value += net_value;
        } else {
            let weight = Decimal::from_f64(weight).unwrap_or_default();
            self.value += value * weight;
            self.net_value += net_value * weight;
        }
    }
}

/// Credit per channel under any model: rule-based models row by row ([`attribute`]), data-driven
/// models fitted on the whole table.
pub(crate) fn model_credit(paths: &PathTable, model: Model, options: &ModelOptions) -> ModelCredit {
    match model {
        Model::Markov => {
            let (credits, unattributed, effects) =
                markov::credit(paths, options.markov_order, options.collapse_repeats);
            ModelCredit { model, credits, unattributed, fitted: Some(Fitted::Markov(effects.removal)) }
        }
        Model::Shapley => {
            let (credits, summary) = shapley::credit(paths, options.shapley_permutations, options.seed);
            ModelCredit { model, credits, unattributed: Credit::default(), fitted: Some(Fitted::Shapley(summary)) }
        }
        _ => {
            let (credits, unattributed) = attribute_rows(paths, model, options);
            ModelCredit { model, credits, unattributed, fitted: None }
        }
    }
}

/// Credit per channel under `model`, indexed by channel id. Every row's conversions and value are
/// split over its touches by the model's weights, so the credits sum to the table's totals.
/// Models that need touch types or ages need paths that carry them ([`PathTable::has_events`]).
pub fn attribute(paths: &PathTable, model: Model, options: &ModelOptions) -> Vec<Credit> {
    attribute_rows(paths, model, options).0
}

/// As [`attribute`], with what the model credits to no one (the platform's click, for a row
/// without a click inside its window).
fn attribute_rows(paths: &PathTable, model: Model, options: &ModelOptions) -> (Vec<Credit>, Credit) {
    let mut unattributed = Credit::default();
    let mut credits = vec![Credit::default(); paths.channels().len()];
    let mut weights = Vec::new();
    for row in 0..paths.rows() {
        let (conversions, value, net_value) = (paths.conversions(row), paths.value(row), paths.net_value(row));
        if conversions == 0.0 && value.is_zero() {
            continue;
        }
        let path = paths.path(row);
        let events = paths.events(row);
        let touches = Touches { channels: path, kinds: events.map(|e| e.0), ages: events.map(|e| e.1) };
        model.weights(&touches, options, &mut weights);
        if weights.iter().all(|&w| w == 0.0) {
            unattributed.add(1.0, conversions, value, net_value);
            continue;
        }
        for (&channel, &weight) in path.iter().zip(&weights) {
            credits[channel.index()].add(weight, conversions, value, net_value);
        }
    }
    (credits, unattributed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    #[test]
    fn repeated_creator_gets_every_touch_share() {
        let paths =
            read_paths("path,total_conversions,total_conversion_value\nA > B > A,3,90\n", &PathsOptions::default())
                .unwrap();
        let linear = attribute(&paths, Model::Linear, &ModelOptions::default());
        assert!((linear[0].conversions - 2.0).abs() < 1e-12);
        assert!((linear[1].conversions - 1.0).abs() < 1e-12);
        assert!((linear[0].value - Decimal::from(60)).abs() < Decimal::new(1, 12));
        let first = attribute(&paths, Model::FirstTouch, &ModelOptions::default());
        assert_eq!(first[0], Credit { conversions: 3.0, value: Decimal::from(90), net_value: Decimal::from(90) });
        assert_eq!(first[1], Credit::default());
    }
}
