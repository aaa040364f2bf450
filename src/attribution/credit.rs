//! Accumulating each model's credit per channel over a paths table.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::attribution::models::{Model, ModelOptions, Touches};
use crate::paths::PathTable;

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
            let weight = fraction(weight);
            self.value += value * weight;
            self.net_value += net_value * weight;
        }
    }

    /// [`Credit::add`] of an order's amounts as `weighed` holds them.
    pub(crate) fn add_weighed(&mut self, weight: f64, conversions: f64, weighed: &mut Weighed) {
        if weight == 0.0 {
            return;
        }
        self.conversions += conversions * weight;
        let (value, net) = weighed.at(weight);
        self.value += value;
        self.net_value += net;
    }

    /// [`Credit::add_weighed`] to `self` and to `also` (a creator and the class its order falls
    /// in): the same sums as two calls, the weighted amounts worked out once.
    pub(crate) fn add_to_both(&mut self, also: &mut Self, weight: f64, conversions: f64, weighed: &mut Weighed) {
        if weight == 0.0 {
            return;
        }
        let conversions = conversions * weight;
        self.conversions += conversions;
        also.conversions += conversions;
        let (value, net) = weighed.at(weight);
        self.value += value;
        self.net_value += net;
        also.value += value;
        also.net_value += net;
    }
}

/// An order's value and value after refunds weighed by a touch's share as [`Credit::add`] weighs
/// them, kept for the next touch of the same share: linear and position-based give most of an
/// order's touches the same one.
pub(crate) struct Weighed {
    value: Decimal,
    net: Decimal,
    /// The share last worked out (its bits) and its amounts.
    share: Option<u64>,
    amounts: (Decimal, Decimal),
}

impl Weighed {
    pub(crate) fn new(value: Decimal, net: Decimal) -> Self {
        Self { value, net, share: None, amounts: (Decimal::ZERO, Decimal::ZERO) }
    }

    /// The amounts for a share `weight` (not 0): whole from 1 up, else times its [`fraction`].
    fn at(&mut self, weight: f64) -> (Decimal, Decimal) {
        if weight >= 1.0 {
            return (self.value, self.net);
        }
        if self.share != Some(weight.to_bits()) {
            let share = fraction(weight);
            self.amounts = (self.value * share, self.net * share);
            self.share = Some(weight.to_bits());
        }
        self.amounts
    }
}

/// 10⁰ to 10²⁸, each the f64 nearest to it.
const POWERS_OF_TEN: [f64; 29] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
];

/// A share between 0 and 1 as a decimal with 16 significant digits (all an f64 holds).
///
/// `Decimal::from_f64` finds the shortest exact decimal, which took a sixth of a full comparison
/// (it runs once per touch, model and window); scaling to a 16-digit integer is a few
/// instructions. Shares outside (0, 1) go through `from_f64`.
pub(crate) fn fraction(share: f64) -> Decimal {
    if !(share > 0.0 && share < 1.0) {
        return Decimal::from_f64(share).unwrap_or_default();
    }
    // The zeros after the decimal point, so that 16 significant digits are kept; a Decimal's
    // scale stops at 28, which only shares below 1e-12 reach. Multiplications and comparisons
    // with exact constants, not `log10`, so that wasm and native builds give the same bits.
    let mut zeros = 0;
    while zeros < 12 && share * POWERS_OF_TEN[zeros + 1] < 1.0 {
        zeros += 1;
    }
    let scale = 16 + zeros;
    let digits = (share * POWERS_OF_TEN[scale]).round() as i64;
    Decimal::new(digits, scale as u32).normalize()
}

/// Credit per channel under `model`, indexed by channel id. Every row's conversions and value are
/// split over its touches by the model's weights, so the credits sum to the table's totals.
/// Models that need touch types or ages need paths that carry them ([`PathTable::has_events`]).
#[cfg(test)]
pub fn attribute(paths: &PathTable, model: Model, options: &ModelOptions) -> Vec<Credit> {
    attribute_rows(paths, model, options).0
}

/// As [`attribute`], with what the model credits to no one (the platform's click, for a row
/// without a click inside its window).
pub(crate) fn attribute_rows(paths: &PathTable, model: Model, options: &ModelOptions) -> (Vec<Credit>, Credit) {
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
    fn fractions_keep_sixteen_significant_digits() {
        assert_eq!(fraction(0.4), Decimal::new(4, 1));
        assert_eq!(fraction(1.0 / 3.0), Decimal::new(3_333_333_333_333_333, 16));
        assert_eq!(fraction(0.75), Decimal::new(75, 2));
        assert_eq!(fraction(0.012_345_678_901_234_56), Decimal::new(1_234_567_890_123_456, 17));
        assert_eq!(fraction(1e-30), Decimal::ZERO);
        assert_eq!(fraction(1.0), Decimal::ONE);
        assert_eq!(fraction(-0.25), Decimal::new(-25, 2));
        for share in [0.1, 0.2, 0.25, 0.5, 0.9, 1e-5, 0.333, 0.987_654_321] {
            let relative =
                (fraction(share) - Decimal::from_f64(share).unwrap()).abs() / Decimal::from_f64(share).unwrap();
            assert!(relative < Decimal::new(1, 15), "{share}: {}", fraction(share));
        }
    }

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
