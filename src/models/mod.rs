//! Attribution models: rules that split one conversion among the touches of its journey.
//!
//! Every model fills one weight per touch, the weights of a journey summing to 1; a creator seen
//! twice gets the weight of both touches. One file per model, each with its formula.

mod first_touch;
mod last_touch;
mod linear;

use serde::{Deserialize, Serialize};

use crate::channel::ChannelId;

/// An attribution model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// All credit to the journey's first touch.
    FirstTouch,
    /// All credit to the journey's last touch.
    LastTouch,
    /// Equal credit to every touch.
    Linear,
}

impl Model {
    /// Every model, in the order reports list them.
    pub const ALL: [Self; 3] = [Self::FirstTouch, Self::LastTouch, Self::Linear];

    /// The model's name as the API and files spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::FirstTouch => "first_touch",
            Self::LastTouch => "last_touch",
            Self::Linear => "linear",
        }
    }

    /// Replaces `weights` with one weight per touch of `path`, summing to 1 (empty for an empty path).
    pub fn weights(self, path: &[ChannelId], weights: &mut Vec<f64>) {
        weights.clear();
        weights.resize(path.len(), 0.0);
        if path.is_empty() {
            return;
        }
        match self {
            Self::FirstTouch => first_touch::weights(weights),
            Self::LastTouch => last_touch::weights(weights),
            Self::Linear => linear::weights(weights),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_one_for_every_model_and_length() {
        let path: Vec<ChannelId> = Vec::new();
        let mut weights = vec![9.0];
        Model::Linear.weights(&path, &mut weights);
        assert!(weights.is_empty());
        for model in Model::ALL {
            for len in 1..=7 {
                let mut channels = crate::channel::Channels::default();
                let path: Vec<ChannelId> = (0..len).map(|i| channels.intern(&i.to_string()).unwrap()).collect();
                model.weights(&path, &mut weights);
                assert_eq!(weights.len(), len);
                assert!((weights.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{model:?} {len}");
            }
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
