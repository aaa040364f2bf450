//! The models' parameters, all user-set, with the defaults the README documents.

use serde::{Deserialize, Serialize};

use crate::campaign::TouchType;
use crate::error::Error;

/// How much each touch type counts in `touch_weighted`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[allow(missing_docs)] // One field per touch type, named as the type.
pub struct TouchWeights {
    #[cfg_attr(test, ts(optional = nullable))]
    pub view: f64,
    #[cfg_attr(test, ts(optional = nullable))]
    pub like: f64,
    #[cfg_attr(test, ts(optional = nullable))]
    pub comment: f64,
    #[cfg_attr(test, ts(optional = nullable))]
    pub save: f64,
    #[cfg_attr(test, ts(optional = nullable))]
    pub click: f64,
    #[cfg_attr(test, ts(optional = nullable))]
    pub qr_scan: f64,
    #[cfg_attr(test, ts(optional = nullable))]
    pub promo_code: f64,
    #[cfg_attr(test, ts(optional = nullable))]
    pub other: f64,
}

impl Default for TouchWeights {
    /// Saves and codes say more than views (../shared/DOMAIN.md).
    fn default() -> Self {
        Self { view: 1.0, like: 1.0, comment: 2.0, save: 3.0, click: 3.0, qr_scan: 4.0, promo_code: 5.0, other: 1.0 }
    }
}

impl TouchWeights {
    /// The weight of `kind`.
    pub fn of(&self, kind: TouchType) -> f64 {
        match kind {
            TouchType::View => self.view,
            TouchType::Like => self.like,
            TouchType::Comment => self.comment,
            TouchType::Save => self.save,
            TouchType::Click => self.click,
            TouchType::QrScan => self.qr_scan,
            TouchType::PromoCode => self.promo_code,
            TouchType::Other => self.other,
        }
    }
}

/// Parameters of every model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ModelOptions {
    /// `time_decay`: days for a touch's weight to halve (default 7, as Google's model).
    #[cfg_attr(test, ts(optional = nullable))]
    pub half_life_days: f64,
    /// `position_based`: share of the first touch (default 0.4).
    #[cfg_attr(test, ts(optional = nullable))]
    pub first_share: f64,
    /// `position_based`: share of the last touch (default 0.4); the middle touches split the rest.
    #[cfg_attr(test, ts(optional = nullable))]
    pub last_share: f64,
    /// `touch_weighted`: weight per touch type.
    #[cfg_attr(test, ts(optional = nullable))]
    pub touch_weights: TouchWeights,
    /// `linear`: split equally among the distinct creators of a journey instead of its touches.
    #[cfg_attr(test, ts(optional = nullable))]
    pub unique_creators: bool,
    /// `platform_last_click`: hours a click counts before the order (default 72, from 1 to 720).
    #[cfg_attr(test, ts(optional = nullable))]
    pub click_window_hours: u32,
    /// `markov`: how many past channels a state remembers, 1 to 4 (default 1).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub markov_order: usize,
    /// `markov`: read a creator repeated back to back as one touch (default false).
    #[cfg_attr(test, ts(optional = nullable))]
    pub collapse_repeats: bool,
    /// `shapley`: random orders drawn for a channel set too large to enumerate (default 2000).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub shapley_permutations: usize,
    /// Seed of every random draw (Shapley's sampled orders, bootstrap resamples); default 7.
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub seed: u64,
}

impl Default for ModelOptions {
    fn default() -> Self {
        Self {
            half_life_days: 7.0,
            first_share: 0.4,
            last_share: 0.4,
            touch_weights: TouchWeights::default(),
            unique_creators: false,
            click_window_hours: 72,
            markov_order: 1,
            collapse_repeats: false,
            shapley_permutations: 2000,
            seed: 7,
        }
    }
}

impl ModelOptions {
    /// Checks every parameter's range.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming the parameter.
    pub fn validate(&self) -> Result<(), Error> {
        if !(self.half_life_days > 0.0 && self.half_life_days <= 3650.0) {
            return Err(Error::invalid_option("halfLifeDays", self.half_life_days, "must be above 0 and at most 3650"));
        }
        for (name, share) in [("firstShare", self.first_share), ("lastShare", self.last_share)] {
            if !(0.0..=1.0).contains(&share) {
                return Err(Error::invalid_option(name, share, "must be from 0 to 1"));
            }
        }
        if self.first_share + self.last_share > 1.0 + 1e-12 {
            let total = self.first_share + self.last_share;
            return Err(Error::invalid_option(
                "lastShare",
                self.last_share,
                format!("first and last shares add up to {total}, above 1"),
            ));
        }
        let w = &self.touch_weights;
        for (name, weight) in [
            ("view", w.view),
            ("like", w.like),
            ("comment", w.comment),
            ("save", w.save),
            ("click", w.click),
            ("qrScan", w.qr_scan),
            ("promoCode", w.promo_code),
            ("other", w.other),
        ] {
            if !(weight >= 0.0 && weight.is_finite()) {
                return Err(Error::invalid_option(&format!("touchWeights.{name}"), weight, "must be 0 or more"));
            }
        }
        if !(1..=720).contains(&self.click_window_hours) {
            return Err(Error::invalid_option(
                "clickWindowHours",
                self.click_window_hours,
                "must be from 1 to 720 hours",
            ));
        }
        if !(1..=crate::markov::MAX_ORDER).contains(&self.markov_order) {
            return Err(Error::invalid_option("markovOrder", self.markov_order, "must be from 1 to 4"));
        }
        if !(10..=1_000_000).contains(&self.shapley_permutations) {
            return Err(Error::invalid_option(
                "shapleyPermutations",
                self.shapley_permutations,
                "must be from 10 to 1000000",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_ranges_are_checked() {
        assert!(ModelOptions::default().validate().is_ok());
        let bad = |o: ModelOptions| o.validate().unwrap_err().to_string();
        assert!(bad(ModelOptions { half_life_days: 0.0, ..ModelOptions::default() }).contains("halfLifeDays"));
        assert!(bad(ModelOptions { half_life_days: f64::NAN, ..ModelOptions::default() }).contains("halfLifeDays"));
        assert!(bad(ModelOptions { first_share: 0.7, last_share: 0.4, ..ModelOptions::default() }).contains("above 1"));
        assert!(bad(ModelOptions { click_window_hours: 721, ..ModelOptions::default() }).contains("clickWindowHours"));
        assert!(bad(ModelOptions { markov_order: 5, ..ModelOptions::default() }).contains("markovOrder"));
        assert!(
            bad(ModelOptions { shapley_permutations: 1, ..ModelOptions::default() }).contains("shapleyPermutations")
        );
        let weights = TouchWeights { save: -1.0, ..TouchWeights::default() };
        assert!(bad(ModelOptions { touch_weights: weights, ..ModelOptions::default() }).contains("touchWeights.save"));
    }
}
