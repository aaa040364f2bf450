//! The comparison: every selected model's credit per channel, with each cell's change against a
//! baseline, as one plain result object that the page, the CLI and the tests all read.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::attribution::allocation::largest_remainder_ranked;
pub use crate::attribution::fit::Totals;
use crate::attribution::fit::{Fitted, ModelCredit};
use crate::attribution::incremental::IncrementalSummary;
use crate::attribution::markov::RemovalEffect;
use crate::attribution::models::Model;
use crate::attribution::shapley::ShapleySummary;
use crate::catalogue::settings::{BASELINE_DAYS, BASELINE_MODEL};

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
    /// What would have happened anyway, per model that estimates it (`incremental`): its own row,
    /// never pushed onto channels; a model's credits, organic and unattributed sum to the totals.
    pub organic: Vec<ModelUnattributed>,
    /// What `incremental` learned (type strengths, half-life, tier and creator effects), when it
    /// was computed.
    pub incremental: Option<IncrementalSummary>,
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
    let (mut removal_effects, mut shapley, mut incremental) = (Vec::new(), None, None);
    let mut organic = Vec::new();
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
            Some(Fitted::Incremental(summary)) => incremental = Some(*summary),
            None => {}
        }
        let lost = entry.unattributed;
        // Organic, when the model has it, is rounded with the channels as one more part (ranked
        // last among equal remainders), so credits + organic + unattributed = totals exactly.
        let has_organic = entry.model.is_campaign_only();
        let mut values: Vec<Decimal> = entry.credits.iter().map(|c| c.value).collect();
        let mut net_values: Vec<Decimal> = entry.credits.iter().map(|c| c.net_value).collect();
        let mut ranks = rank.clone();
        if has_organic {
            values.push(entry.organic.value);
            net_values.push(entry.organic.net_value);
            ranks.push(channels.len());
        }
        let mut rounded =
            largest_remainder_ranked(totals.value - with_scale(lost.value, scale), &values, scale, &ranks);
        let mut rounded_net =
            largest_remainder_ranked(totals.net_value - with_scale(lost.net_value, scale), &net_values, scale, &ranks);
        if has_organic {
            organic.push(ModelUnattributed {
                model: entry.model,
                conversions: entry.organic.conversions,
                value: with_scale(rounded.pop().unwrap_or_default(), scale),
                net_value: with_scale(rounded_net.pop().unwrap_or_default(), scale),
            });
        }
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
        organic,
        incremental,
    }
}

impl ChannelCredit {
    /// A channel's credit summed or split from other rows: its shares of `totals`, and no change
    /// against the baseline until [`apply_baseline`].
    pub(crate) fn summed(
        model: Model,
        channel: String,
        conversions: f64,
        value: Decimal,
        net_value: Decimal,
        totals: &Totals,
    ) -> Self {
        Self {
            model,
            channel,
            conversions,
            conversion_share: share(conversions, totals.conversions),
            value_share: share(value.to_f64().unwrap_or(0.0), totals.value.to_f64().unwrap_or(0.0)),
            value,
            net_value,
            value_change: Decimal::ZERO,
            value_change_percent: None,
            conversions_change: 0.0,
            value_share_change: 0.0,
            interval: None,
        }
    }
}

/// The same comparison one level up: each group's credit is the sum of its members' rounded
/// credit, so both levels reconcile to the fen. `group_of[c]` is channel `c`'s group.
pub(crate) fn roll_up(members: &Comparison, group_of: &[usize], groups: Vec<String>) -> Comparison {
    let per_model = members.channels.len();
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
            credits.push(ChannelCredit::summed(model, group.clone(), conversions, value, net_value, &members.totals));
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
        organic: members.organic.clone(),
        incremental: members.incremental.clone(),
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
