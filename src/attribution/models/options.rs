//! The models' parameters, all user-set; their defaults and bounds are the catalogue's.

use serde::{Deserialize, Serialize};

use crate::campaign::TouchType;
use crate::catalogue::settings::{
    CLICK_WINDOW_HOURS, COLLAPSE_REPEATS, FIRST_SHARE, HALF_LIFE_DAYS, LAST_SHARE, MARKOV_ORDER, SEED,
    SHAPLEY_PERMUTATIONS, UNIQUE_CREATORS, WEIGHT_CLICK, WEIGHT_COMMENT, WEIGHT_LIKE, WEIGHT_OTHER, WEIGHT_PROMO_CODE,
    WEIGHT_QR_SCAN, WEIGHT_SAVE, WEIGHT_VIEW,
};
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
    /// Saves and codes say more than views (../shared/DOMAIN.md); the catalogue holds the numbers.
    fn default() -> Self {
        Self {
            view: WEIGHT_VIEW.default_number(),
            like: WEIGHT_LIKE.default_number(),
            comment: WEIGHT_COMMENT.default_number(),
            save: WEIGHT_SAVE.default_number(),
            click: WEIGHT_CLICK.default_number(),
            qr_scan: WEIGHT_QR_SCAN.default_number(),
            promo_code: WEIGHT_PROMO_CODE.default_number(),
            other: WEIGHT_OTHER.default_number(),
        }
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
            half_life_days: HALF_LIFE_DAYS.default_number(),
            first_share: FIRST_SHARE.default_number(),
            last_share: LAST_SHARE.default_number(),
            touch_weights: TouchWeights::default(),
            unique_creators: UNIQUE_CREATORS.default_flag(),
            click_window_hours: CLICK_WINDOW_HOURS.default_whole() as u32,
            markov_order: MARKOV_ORDER.default_whole() as usize,
            collapse_repeats: COLLAPSE_REPEATS.default_flag(),
            shapley_permutations: SHAPLEY_PERMUTATIONS.default_whole() as usize,
            seed: SEED.default_whole(),
        }
    }
}

impl ModelOptions {
    /// Checks every parameter against its catalogue entry, and the two position shares together.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming the parameter.
    pub fn validate(&self) -> Result<(), Error> {
        HALF_LIFE_DAYS.check(self.half_life_days)?;
        FIRST_SHARE.check(self.first_share)?;
        LAST_SHARE.check(self.last_share)?;
        if self.first_share + self.last_share > 1.0 + 1e-12 {
            let total = self.first_share + self.last_share;
            return Err(Error::invalid_option(
                LAST_SHARE.path,
                self.last_share,
                format!("first and last shares add up to {total}, above 1"),
            ));
        }
        let w = &self.touch_weights;
        for (setting, weight) in [
            (&WEIGHT_VIEW, w.view),
            (&WEIGHT_LIKE, w.like),
            (&WEIGHT_COMMENT, w.comment),
            (&WEIGHT_SAVE, w.save),
            (&WEIGHT_CLICK, w.click),
            (&WEIGHT_QR_SCAN, w.qr_scan),
            (&WEIGHT_PROMO_CODE, w.promo_code),
            (&WEIGHT_OTHER, w.other),
        ] {
            setting.check(weight)?;
        }
        CLICK_WINDOW_HOURS.check(self.click_window_hours)?;
        MARKOV_ORDER.check(self.markov_order as f64)?;
        SHAPLEY_PERMUTATIONS.check(self.shapley_permutations as f64)?;
        SEED.check(self.seed as f64)?;
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
