//! Attribution models: rules that split one order among the touches it can be credited to.
//!
//! Every model fills one weight per touch, the weights summing to 1, or all 0 when the model
//! credits the order to no one (the platform rule without a click in its window). A creator seen
//! twice gets the weight of both touches. One file per model, each with its formula.

mod first_touch;
mod last_touch;
mod linear;
mod options;
mod platform_last_click;
mod position_based;
mod time_decay;
mod touch_weighted;

use std::hash::Hash;

use serde::{Deserialize, Serialize};

pub use options::{ModelOptions, TouchWeights};

use crate::campaign::TouchType;
use crate::catalogue::{MODELS, ModelEntry};

/// An attribution model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// All credit to the first touch.
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// Equal credit to every touch (or every distinct creator).
    Linear,
    /// More credit closer to the order, halving every half-life.
    TimeDecay,
    /// U-shaped: first and last touches get fixed shares, the middle splits the rest.
    PositionBased,
    /// Credit in proportion to each touch type's weight.
    TouchWeighted,
    /// What the platform pays: the last click within the click window, else no one.
    PlatformLastClick,
    /// Data-driven: each channel's exact Markov removal effect, fitted on every journey.
    Markov,
    /// Data-driven: Shapley values of the conversion rate of each observed channel set.
    Shapley,
    /// Data-driven: a conversion model fitted on every journey; credit is what each creator's
    /// touches changed, the rest organic.
    Incremental,
}

/// Which touches a model looks at for an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eligibility {
    /// The touches inside the lookback window, after the user's previous order.
    Lookback,
    /// Every touch within the platform's click window before the order.
    ClickWindow,
}

/// One order's touches as a model sees them, oldest first.
#[derive(Debug, Clone, Copy)]
pub struct Touches<'a, C> {
    /// Who each touch was with (a creator, tier or path channel).
    pub channels: &'a [C],
    /// Each touch's type; `None` for aggregated paths, which do not record it.
    pub kinds: Option<&'a [TouchType]>,
    /// Seconds from each touch to the order; `None` for aggregated paths.
    pub ages: Option<&'a [i64]>,
}

impl<C> Touches<'_, C> {
    /// How many touches.
    pub fn len(&self) -> usize {
        self.channels.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.channels.is_empty()
    }
}

impl Model {
    /// Every model, in the order reports list them.
    pub const ALL: [Self; 10] = [
        Self::FirstTouch,
        Self::LastTouch,
        Self::Linear,
        Self::TimeDecay,
        Self::PositionBased,
        Self::TouchWeighted,
        Self::PlatformLastClick,
        Self::Markov,
        Self::Shapley,
        Self::Incremental,
    ];

    /// The model's catalogue entry: its id, labels and traits.
    pub fn entry(self) -> &'static ModelEntry {
        &MODELS[self as usize]
    }

    /// The model whose name is `id`.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == id)
    }

    /// The model's name as the API and files spell it.
    pub fn name(self) -> &'static str {
        self.entry().id
    }

    /// Which touches the model looks at.
    pub fn eligibility(self) -> Eligibility {
        if self == Self::PlatformLastClick { Eligibility::ClickWindow } else { Eligibility::Lookback }
    }

    /// Whether the model needs touch times or types, which aggregated paths do not have.
    pub fn needs_events(self) -> bool {
        self.entry().needs_events
    }

    /// Whether the model is fitted on every journey at once rather than applied order by order:
    /// its credit comes from [`crate::attribution::markov`] or [`crate::attribution::shapley`], never from [`Model::weights`].
    pub fn is_data_driven(self) -> bool {
        self.entry().data_driven
    }

    /// Whether the model needs every journey's touches (a campaign), not aggregated paths.
    pub fn is_campaign_only(self) -> bool {
        self.entry().campaign_only
    }

    /// Whether the model gives each journey a probability to convert (the model check scores it).
    pub fn gives_probability(self) -> bool {
        self.entry().gives_probability
    }

    /// Whether the model can decide who earns commission (it gives each order's touches a share).
    pub fn is_commission_basis(self) -> bool {
        self.entry().commission_basis
    }

    /// The models computed when the options name none.
    pub fn defaults() -> Vec<Self> {
        Self::ALL.into_iter().filter(|m| m.entry().in_default).collect()
    }

    /// Replaces `weights` with one weight per touch, summing to 1, or all 0 when the model
    /// credits no one. Models that need events treat missing types as views and missing ages as 0.
    /// Data-driven models have no per-order rule and credit no one here.
    pub fn weights<C: Copy + Eq + Hash>(
        self,
        touches: &Touches<'_, C>,
        options: &ModelOptions,
        weights: &mut Vec<f64>,
    ) {
        weights.clear();
        weights.resize(touches.len(), 0.0);
        if touches.is_empty() {
            return;
        }
        match self {
            Self::FirstTouch => first_touch::weights(weights),
            Self::LastTouch => last_touch::weights(weights),
            Self::Linear if options.unique_creators => linear::unique_weights(touches.channels, weights),
            Self::Linear => linear::weights(weights),
            Self::TimeDecay => time_decay::weights(touches.ages, options.half_life_days, weights),
            Self::PositionBased => position_based::weights(options.first_share, options.last_share, weights),
            Self::TouchWeighted => touch_weighted::weights(touches.kinds, &options.touch_weights, weights),
            Self::PlatformLastClick => {
                platform_last_click::weights(touches.kinds, touches.ages, options.click_window_hours, weights);
            }
            Self::Markov | Self::Shapley | Self::Incremental => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_one_for_every_model_and_length() {
        let kinds = [
            TouchType::View,
            TouchType::Save,
            TouchType::Click,
            TouchType::Like,
            TouchType::PromoCode,
            TouchType::View,
            TouchType::QrScan,
        ];
        let ages = [900_000, 700_000, 500_000, 300_000, 200_000, 100_000, 0];
        let mut weights = vec![9.0];
        for model in Model::ALL.into_iter().filter(|m| !m.is_data_driven()) {
            for len in 1..=7 {
                let channels: Vec<u32> = (0..len as u32).map(|i| i % 3).collect();
                let touches =
                    Touches { channels: &channels, kinds: Some(&kinds[7 - len..]), ages: Some(&ages[7 - len..]) };
                model.weights(&touches, &ModelOptions::default(), &mut weights);
                assert_eq!(weights.len(), len);
                let sum: f64 = weights.iter().sum();
                assert!(
                    (sum - 1.0).abs() < 1e-12 || (model == Model::PlatformLastClick && sum == 0.0),
                    "{model:?} {len}: {sum}"
                );
            }
            let none: Touches<'_, u32> = Touches { channels: &[], kinds: None, ages: None };
            model.weights(&none, &ModelOptions::default(), &mut weights);
            assert!(weights.is_empty());
        }
    }

    #[test]
    fn the_enum_follows_the_catalogue() {
        assert_eq!(Model::ALL.len(), MODELS.len());
        for (model, entry) in Model::ALL.into_iter().zip(&MODELS) {
            assert_eq!(model.name(), entry.id);
        }
    }

    #[test]
    fn names_round_trip_through_serde() {
        for model in Model::ALL {
            let json = serde_json::to_string(&model).unwrap();
            assert_eq!(json, format!("\"{}\"", model.name()));
            assert_eq!(serde_json::from_str::<Model>(&json).unwrap(), model);
        }
    }
}
