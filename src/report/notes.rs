//! The note level: each creator's credit split among the notes its touches name, so notes roll
//! up to creators (and creators to tiers) to the fen under every model.
//!
//! A creator's rounded credit in a window is divided among its notes by a key, by largest
//! remainder, so the notes of a creator always sum exactly to the creator:
//! - rule-based models (last touch, linear, time decay...): the credit the model gave each touch,
//!   order by order, times the order's value; a note gets what its own touches earned;
//! - data-driven models (Markov, Shapley, incremental), whose credit is the creator's as a whole:
//!   each of the creator's eligible touches on an order that the window credits adds that
//!   order's value, so a note touched before more and larger orders carries more of it.
//!
//! Touches that name no note go to the creator's `(no note)` row; a creator (or source) with
//! credit but no touch in the window to key it by keeps it in its first row.
//!
//! Worked example (`a_note_gets_what_its_touches_earned`): creator k has notes n1 and n2; an
//! order of ¥100 has touches k·n1, then k·n2, and under last touch k gets ¥100, all of it on n2;
//! under linear k gets ¥100 of two touches, ¥50 each. A second order of ¥20 touched only n1 gives
//! Markov's creator-level credit of k a key of 100 + 20 for n1 and 100 for n2.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::attribution::allocation::largest_remainder_ranked;
use crate::attribution::journey::{Lookback, walk};
use crate::attribution::models::{Model, ModelOptions};
use crate::attribution::window::OrderView;
use crate::campaign::{Campaign, NO_NOTE, NoteChannels, note_channels};
use crate::report::comparison::{ChannelCredit, Comparison};

/// The note level's rows: every note, then a `(no note)` row for each creator or source whose
/// touches name no note (or which has no note at all).
#[derive(Debug, Clone)]
pub(crate) struct NoteRows {
    names: Vec<String>,
    /// Each row's creator.
    creator_of: Vec<usize>,
    /// Each creator's `(no note)` row, if it has one.
    unnoted: Vec<Option<usize>>,
}

impl NoteRows {
    /// The rows of `campaign`, or `None` when neither the touches nor a notes file name any note.
    pub(crate) fn of(campaign: &Campaign) -> Option<Self> {
        if campaign.notes.is_empty() {
            return None;
        }
        let NoteChannels { names, creator_of, unnoted } =
            note_channels(&campaign.notes, &campaign.roster, &campaign.touches);
        Some(Self { names, creator_of, unnoted })
    }

    /// The row a touch counts in.
    fn row(&self, campaign: &Campaign, touch: usize) -> usize {
        match campaign.touches.note[touch] {
            NO_NOTE => self.unnoted[campaign.touches.creator[touch] as usize].unwrap_or(0),
            note => note as usize,
        }
    }
}

/// Each model's key per row in a lookback window (see the module's doc).
fn keys<'l>(
    campaign: &Campaign,
    rows: &NoteRows,
    lookback: impl Into<Lookback<'l>>,
    models: &[Model],
    options: &ModelOptions,
) -> Vec<Vec<f64>> {
    let lookback = lookback.into();
    let mut keys = vec![vec![0.0; rows.names.len()]; models.len()];
    let (mut view, mut weights) = (OrderView::new(), Vec::new());
    walk(
        campaign,
        lookback,
        |order| {
            view.load(campaign, &order, options.click_window_hours);
            let value = campaign.orders.gross[order.order].to_f64().unwrap_or(0.0);
            for (m, &model) in models.iter().enumerate() {
                let range = view.touches(model);
                if model.is_data_driven() {
                    for t in range {
                        keys[m][rows.row(campaign, t)] += value;
                    }
                    continue;
                }
                view.weights(campaign, model, options, &mut weights);
                for (t, &weight) in range.zip(&weights) {
                    keys[m][rows.row(campaign, t)] += weight * value;
                }
            }
        },
        |_| {},
    );
    keys
}

/// The note level of `creators`, a window's creator-level comparison.
pub(crate) fn note_level<'l>(
    campaign: &Campaign,
    rows: &NoteRows,
    creators: &Comparison,
    lookback: impl Into<Lookback<'l>>,
    options: &ModelOptions,
) -> Comparison {
    let lookback = lookback.into();
    let keys = keys(campaign, rows, lookback, &creators.models, options);
    let per_creator = creators.channels.len();
    let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); per_creator];
    for (row, &creator) in rows.creator_of.iter().enumerate() {
        rows_of[creator].push(row);
    }
    let scale = creators.totals.value_scale;
    let mut credits = Vec::with_capacity(creators.models.len() * rows.names.len());
    for (m, key) in keys.iter().enumerate() {
        let mut split = vec![(0.0, Decimal::ZERO, Decimal::ZERO); rows.names.len()];
        for (c, credit) in creators.credits[m * per_creator..(m + 1) * per_creator].iter().enumerate() {
            let mine = &rows_of[c];
            let Some(&first) = mine.first() else { continue };
            let sum: f64 = mine.iter().map(|&r| key[r]).sum();
            if sum <= 0.0 {
                split[first] = (credit.conversions, credit.value, credit.net_value);
                continue;
            }
            let fractions: Vec<Decimal> =
                mine.iter().map(|&r| crate::attribution::credit::fraction(key[r] / sum)).collect();
            let ranks: Vec<usize> = (0..mine.len()).collect();
            let part = |total: Decimal| {
                let parts: Vec<Decimal> = fractions.iter().map(|f| total * f).collect();
                largest_remainder_ranked(total, &parts, scale, &ranks)
            };
            let (values, net_values) = (part(credit.value), part(credit.net_value));
            for (k, &r) in mine.iter().enumerate() {
                split[r] = (credit.conversions * key[r] / sum, values[k], net_values[k]);
            }
        }
        for (name, (conversions, value, net_value)) in rows.names.iter().zip(split) {
            let model = creators.models[m];
            credits.push(ChannelCredit::summed(model, name.clone(), conversions, value, net_value, &creators.totals));
        }
    }
    Comparison {
        models: creators.models.clone(),
        channels: rows.names.clone(),
        totals: creators.totals.clone(),
        unattributed: creators.unattributed.clone(),
        baseline: creators.baseline,
        credits,
        removal_effects: Vec::new(),
        shapley: None,
        organic: creators.organic.clone(),
        incremental: None,
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::attribution::bootstrap::Intervals;
    use crate::attribution::models::Model;
    use crate::campaign::CampaignInputs;
    use crate::report::campaign::{Levels, ReportOptions, campaign_report};
    use crate::report::comparison::Comparison;

    fn inputs(touchpoints: &str, orders: &str) -> CampaignInputs {
        CampaignInputs {
            creators: "kol_id,tier\nk,KOC\nm,mega\n".into(),
            touchpoints: format!("journey_id,kol_id,timestamp,touch_type,source,note_id\n{touchpoints}"),
            orders: format!("order_id,journey_id,timestamp,value\n{orders}"),
            notes: "note_id,kol_id,published_at,fee\nn1,k,2025-04-01,300\nn2,k,2025-04-02,200\nn3,m,2025-04-01,\n"
                .into(),
            ..CampaignInputs::default()
        }
    }

    fn value(comparison: &Comparison, model: Model, channel: &str) -> Decimal {
        comparison
            .credits
            .iter()
            .find(|c| c.model == model && c.channel == channel)
            .map_or_else(|| panic!("no {channel} under {model:?}"), |c| c.value)
    }

    fn report(inputs: &CampaignInputs, models: Vec<Model>) -> crate::report::campaign::CampaignReport {
        let options = ReportOptions {
            models,
            windows: vec![30],
            level: Levels::All,
            intervals: Intervals { resamples: 0 },
            ..ReportOptions::default()
        };
        campaign_report(inputs, &options).unwrap()
    }

    #[test]
    fn a_note_gets_what_its_touches_earned() {
        let campaign = inputs(
            "u1,k,2025-04-10 10:00,view,,n1\nu1,k,2025-04-11 10:00,save,,n2\nu2,k,2025-04-12 10:00,view,,n1\n",
            "o1,u1,2025-04-12 12:00,100\no2,u2,2025-04-13 12:00,20\n",
        );
        let report = report(&campaign, vec![Model::LastTouch, Model::Linear, Model::Markov]);
        let notes = report.windows[0].notes.as_ref().unwrap();
        assert_eq!(notes.channels, ["n1", "n2", "n3"], "every note, touched or not; no touch lacks a note");
        let at = |model, note| value(notes, model, note);
        // Last touch: o1 is n2's (its last touch), o2 is n1's.
        assert_eq!(
            (at(Model::LastTouch, "n1"), at(Model::LastTouch, "n2")),
            (Decimal::new(20, 0), Decimal::new(100, 0))
        );
        // Linear: o1 split 50/50 between n1 and n2, o2 all n1.
        assert_eq!((at(Model::Linear, "n1"), at(Model::Linear, "n2")), (Decimal::new(70, 0), Decimal::new(50, 0)));
        // Markov gives k all 120 (the only creator): keyed 100 + 20 for n1, 100 for n2 → 120·120/220, 120·100/220.
        assert_eq!((at(Model::Markov, "n1"), at(Model::Markov, "n2")), (Decimal::new(6545, 2), Decimal::new(5455, 2)));
        let creators = report.windows[0].creators.as_ref().unwrap();
        for model in [Model::LastTouch, Model::Linear, Model::Markov] {
            assert_eq!(at(model, "n1") + at(model, "n2"), value(creators, model, "k"), "notes sum to their creator");
            assert_eq!(at(model, "n3"), Decimal::ZERO);
        }
    }

    #[test]
    fn ads_and_search_compete_with_creators_and_group_above_tiers() {
        // u1 saw k's note and then searched; u2 clicked a search ad and then m's note.
        let campaign = inputs(
            "u1,k,2025-04-10 10:00,view,,n1\nu1,,2025-04-11 10:00,view,自然搜索,\n\
             u2,,2025-04-10 10:00,click,juguang_search,\nu2,m,2025-04-11 10:00,view,creator,n3\n",
            "o1,u1,2025-04-12 12:00,100\no2,u2,2025-04-12 12:00,40\n",
        );
        let report = report(&campaign, vec![Model::LastTouch, Model::FirstTouch]);
        let window = &report.windows[0];
        let creators = window.creators.as_ref().unwrap();
        assert!(creators.channels.iter().any(|c| c == "organic_search"), "a source is its own channel");
        assert_eq!(value(creators, Model::LastTouch, "organic_search"), Decimal::new(100, 0));
        assert_eq!(value(creators, Model::FirstTouch, "juguang_search"), Decimal::new(40, 0));
        let tiers = window.tiers.as_ref().unwrap();
        assert_eq!(tiers.channels, ["mega", "mid-tier", "micro", "KOC", "paid", "organic"]);
        assert_eq!(value(tiers, Model::FirstTouch, "paid"), Decimal::new(40, 0));
        let groups = window.groups.as_ref().unwrap();
        assert_eq!(groups.channels, ["creators", "paid", "organic"]);
        // Last touch: creators get o2 (m's note last); first touch: creators get o1 (k's note first).
        assert_eq!(value(groups, Model::LastTouch, "creators"), Decimal::new(40, 0));
        assert_eq!(value(groups, Model::FirstTouch, "creators"), Decimal::new(100, 0));
        assert_eq!(value(groups, Model::LastTouch, "organic"), Decimal::new(100, 0));
        let notes = window.notes.as_ref().unwrap();
        assert!(notes.channels.contains(&"organic_search (no note)".to_owned()));
        assert_eq!(report.summary.tiers.iter().map(|t| t.tier.as_str()).collect::<Vec<_>>(), tiers.channels);
    }
}
