//! Any model on a paths table: rule-based models row by row ([`super::credit`]), data-driven
//! models fitted on the whole table ([`super::markov`], [`super::shapley`]); and the totals every
//! model's credit and unattributed amounts sum to.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::credit::{Credit, attribute_rows};
use super::incremental::IncrementalSummary;
use super::models::{Model, ModelOptions};
use super::shapley::ShapleySummary;
use super::{markov, shapley};
use crate::paths::PathTable;

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

/// One model's raw credit per channel and what it left unattributed.
#[derive(Debug, Clone)]
pub(crate) struct ModelCredit {
    pub model: Model,
    pub credits: Vec<Credit>,
    pub unattributed: Credit,
    /// What would have happened anyway (the incremental model's baseline); zero for the others.
    pub organic: Credit,
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
    /// What the incremental model learned.
    Incremental(Box<IncrementalSummary>),
}

/// Credit per channel under any model: rule-based models row by row ([`attribute`]), data-driven
/// models fitted on the whole table.
pub(crate) fn model_credit(paths: &PathTable, model: Model, options: &ModelOptions) -> ModelCredit {
    match model {
        Model::Markov => {
            let (credits, unattributed, effects) =
                markov::credit(paths, options.markov_order, options.collapse_repeats);
            ModelCredit {
                model,
                credits,
                unattributed,
                organic: Credit::default(),
                fitted: Some(Fitted::Markov(effects.removal)),
            }
        }
        Model::Shapley => {
            let (credits, summary) = shapley::credit(paths, options.shapley_permutations, options.seed);
            ModelCredit {
                model,
                credits,
                unattributed: Credit::default(),
                organic: Credit::default(),
                fitted: Some(Fitted::Shapley(summary)),
            }
        }
        _ => {
            let (credits, unattributed) = attribute_rows(paths, model, options);
            ModelCredit { model, credits, unattributed, organic: Credit::default(), fitted: None }
        }
    }
}
