//! Rule-based models over a campaign, order by order: each model sees the order's eligible
//! touches with their creators, types and ages, so time decay, touch weights and the platform's
//! click window apply to what really happened, not to an aggregated path.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::attribution::credit::{Credit, Weighed};
use crate::attribution::fit::{Fitted, ModelCredit, Totals, model_credit};
use crate::attribution::journey::{Lookback, OrderTouches, walk};
use crate::attribution::models::{Eligibility, Model, ModelOptions, Touches};
use crate::attribution::window_tables::WindowTables;
use crate::campaign::{Campaign, CreatorId};

/// One order's eligible touches for every kind of model: the lookback window's and the
/// platform's click window's, with their ages at the order.
pub(crate) struct OrderView {
    lookback: Range<usize>,
    clicks: Range<usize>,
    ages: Vec<i64>,
    click_ages: Vec<i64>,
}

impl OrderView {
    pub(crate) fn new() -> Self {
        Self { lookback: 0..0, clicks: 0..0, ages: Vec::new(), click_ages: Vec::new() }
    }

    /// Points the view at `order`.
    pub(crate) fn load(&mut self, campaign: &Campaign, order: &OrderTouches, click_window_hours: u32) {
        let touches = &campaign.touches;
        let at = campaign.orders.at[order.order];
        let window = i64::from(click_window_hours) * 3600;
        let prior = &touches.at[order.prior.clone()];
        self.clicks = order.prior.start + prior.partition_point(|&t| t < at.saturating_sub(window))..order.prior.end;
        self.lookback = order.lookback.clone();
        self.ages.clear();
        self.ages.extend(touches.at[self.lookback.clone()].iter().map(|&t| at - t));
        self.click_ages.clear();
        self.click_ages.extend(touches.at[self.clicks.clone()].iter().map(|&t| at - t));
    }

    /// The touches `model` looks at: the lookback window's, or the platform's click window's.
    pub(crate) fn touches(&self, model: Model) -> Range<usize> {
        match model.eligibility() {
            Eligibility::Lookback => self.lookback.clone(),
            Eligibility::ClickWindow => self.clicks.clone(),
        }
    }

    /// The creators `model` looks at, and their weights; all 0 when it credits no one.
    pub(crate) fn weights<'c>(
        &self,
        campaign: &'c Campaign,
        model: Model,
        options: &ModelOptions,
        weights: &mut Vec<f64>,
    ) -> &'c [CreatorId] {
        let touches = &campaign.touches;
        let (range, ages) = match model.eligibility() {
            Eligibility::Lookback => (self.lookback.clone(), &self.ages),
            Eligibility::ClickWindow => (self.clicks.clone(), &self.click_ages),
        };
        let view = Touches {
            channels: &touches.creator[range.clone()],
            kinds: Some(&touches.kind[range.clone()]),
            ages: Some(ages),
        };
        model.weights(&view, options, weights);
        &touches.creator[range]
    }
}

/// Every model's credit per creator in a `days`-day lookback window, and the window's totals.
#[cfg(test)]
pub(crate) fn attribute_window(
    campaign: &Campaign,
    days: u32,
    models: &[Model],
    options: &ModelOptions,
) -> (Totals, Vec<ModelCredit>) {
    attribute_window_in(&mut WindowTables::new(campaign), days, models, options)
}

/// Orders sorted into classes (a report's sales channels), so that the walk that credits the
/// creators also sums each rule-based model's credit per class: one walk, each touch's weighted
/// amounts worked out once.
pub(crate) struct OrderClasses<'a> {
    /// Each order's class, in `campaign.orders` order.
    pub(crate) of: &'a [usize],
    /// How many classes.
    pub(crate) count: usize,
}

/// A creator's eligible orders in one class: how many, and their value.
#[derive(Clone, Copy, Default)]
pub(crate) struct Reach {
    pub(crate) orders: f64,
    pub(crate) value: Decimal,
}

/// What one window's walk found per class.
pub(crate) struct ClassCredit {
    /// Each rule-based model's credit per class, weight by weight as its creators were credited,
    /// so the sums agree with theirs exactly.
    pub(crate) rule_based: Vec<(Model, Vec<Credit>)>,
    /// When a data-driven model was asked for: each creator's eligible orders per class, the last
    /// row being the whole window's (every order once).
    pub(crate) reach: Vec<Vec<Reach>>,
}

/// As [`attribute_window`] in any lookback (a fixed window or each order's own), the data-driven models fitted on `tables`' paths of the window (each
/// window of a report built from the last).
#[cfg(test)]
pub(crate) fn attribute_window_in<'l>(
    tables: &mut WindowTables,
    lookback: impl Into<Lookback<'l>>,
    models: &[Model],
    options: &ModelOptions,
) -> (Totals, Vec<ModelCredit>) {
    let (totals, per_model, _) = attribute_window_split(tables, lookback, models, options, None);
    (totals, per_model)
}

/// As [`attribute_window_in`], and, given `classes`, the rule-based credit and every creator's
/// reach per class from the same walk.
pub(crate) fn attribute_window_split<'l>(
    tables: &mut WindowTables,
    lookback: impl Into<Lookback<'l>>,
    models: &[Model],
    options: &ModelOptions,
    classes: Option<&OrderClasses>,
) -> (Totals, Vec<ModelCredit>, Option<ClassCredit>) {
    let lookback = lookback.into();
    let campaign = tables.campaign();
    let orders = &campaign.orders;
    let creators = campaign.roster.len();
    let mut per_model: Vec<ModelCredit> = models
        .iter()
        .filter(|m| !m.is_data_driven())
        .map(|&model| ModelCredit {
            model,
            credits: vec![Credit::default(); creators],
            unattributed: Credit::default(),
            organic: Credit::default(),
            fitted: None,
        })
        .collect();
    let count = classes.map_or(0, |c| c.count);
    let mut by_class = vec![vec![Credit::default(); count]; per_model.len()];
    let data_driven = classes.is_some() && models.iter().any(|m| m.is_data_driven());
    let mut reach = vec![vec![Reach::default(); count]; if data_driven { creators + 1 } else { 0 }];
    let mut seen = vec![usize::MAX; if data_driven { creators } else { 0 }];
    let (mut view, mut weights) = (OrderView::new(), Vec::new());
    let mut tails = 0_usize;
    let sums = tables.order_sums();
    walk(
        campaign,
        lookback,
        |order| {
            let o = order.order;
            view.load(campaign, &order, options.click_window_hours);
            let (gross, net) = (orders.gross[o], sums.net[o]);
            let class = classes.map(|c| c.of[o]);
            for (entry, split) in per_model.iter_mut().zip(&mut by_class) {
                let touched = view.weights(campaign, entry.model, options, &mut weights);
                if weights.iter().all(|&w| w == 0.0) {
                    entry.unattributed.add(1.0, 1.0, gross, net);
                    continue;
                }
                let (pairs, mut weighed) = (touched.iter().zip(&weights), Weighed::new(gross, net));
                match class {
                    Some(class) => {
                        for (&creator, &weight) in pairs {
                            let credit = &mut entry.credits[creator as usize];
                            credit.add_to_both(&mut split[class], weight, 1.0, &mut weighed);
                        }
                    }
                    None => {
                        for (&creator, &weight) in pairs {
                            entry.credits[creator as usize].add_weighed(weight, 1.0, &mut weighed);
                        }
                    }
                }
            }
            if let (Some(class), true) = (class, data_driven) {
                let all = creators;
                reach[all][class].orders += 1.0;
                reach[all][class].value += gross;
                for &creator in &campaign.touches.creator[order.lookback.clone()] {
                    if std::mem::replace(&mut seen[creator as usize], o) != o {
                        reach[creator as usize][class].orders += 1.0;
                        reach[creator as usize][class].value += gross;
                    }
                }
            }
        },
        |_| tails += 1,
    );
    let totals = Totals {
        paths: orders.len() + tails,
        conversions: orders.len() as f64,
        value: sums.value,
        net_value: sums.net_value,
        nulls: tails as f64,
        value_scale: sums.value_scale,
    };
    let class_credit = classes
        .map(|_| ClassCredit { rule_based: per_model.iter().map(|entry| entry.model).zip(by_class).collect(), reach });
    // Fitted on the window's paths; the models that need the journeys themselves (`incremental`)
    // are the report's to add, with their own state across windows.
    let on_paths = |m: &&Model| m.is_data_driven() && !m.is_campaign_only();
    if models.iter().any(|m| on_paths(&m)) {
        // Fitted on the window's journeys; creator channels are in roster order, as `credits`.
        let window = tables.window(lookback);
        let lost = window.unattributed.clone();
        for &model in models.iter().filter(on_paths) {
            let mut fitted = if model == Model::Shapley {
                // The sets found in the windows before: the same credit as on this table alone.
                let (credits, summary) = window.sets.credit(window.paths, options.shapley_permutations, options.seed);
                let organic = Credit::default();
                let fitted = Some(Fitted::Shapley(summary));
                ModelCredit { model, credits, unattributed: Credit::default(), organic, fitted }
            } else {
                // Rows as the window alone has them: Markov's sums then do not depend on the
                // windows asked for alongside.
                model_credit(&window.in_walk_order(), model, options)
            };
            fitted.unattributed.add(1.0, lost.orders as f64, lost.value, lost.net_value);
            per_model.push(fitted);
        }
        per_model.sort_by_key(|entry| models.iter().position(|&m| m == entry.model));
    }
    (totals, per_model, class_credit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::test_support::campaign;
    use rust_decimal::Decimal;

    fn credit(campaign: &Campaign, days: u32, model: Model, options: &ModelOptions) -> (Vec<f64>, f64) {
        let (_, per_model) = attribute_window(campaign, days, &[model], options);
        let conversions = per_model[0].credits.iter().map(|c| c.conversions).collect();
        (conversions, per_model[0].unattributed.conversions)
    }

    #[test]
    fn time_decay_uses_each_touch_age_at_the_order() {
        // Touches 28, 14, 7 and 0 days before the order, the last two by the same KOC.
        let c = campaign(
            "u1,big,2025-04-01 12:00,view\nu1,mid,2025-04-15 12:00,view\nu1,koc,2025-04-22 12:00,view\nu1,koc,2025-04-29 12:00,view\n",
            "o1,u1,2025-04-29 12:00,29\n",
        );
        let (conversions, _) = credit(&c, 30, Model::TimeDecay, &ModelOptions::default());
        let expected = [1.0 / 29.0, 4.0 / 29.0, 24.0 / 29.0];
        for (got, want) in conversions.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{conversions:?}");
        }
    }

    #[test]
    fn the_platform_pays_the_last_click_inside_its_own_window() {
        // A promo code 5 days before, a click 2 days before, a save 1 day before.
        let c = campaign(
            "u1,big,2025-04-25 12:00,promo_code\nu1,mid,2025-04-28 12:00,click\nu1,koc,2025-04-29 12:00,save\n",
            "o1,u1,2025-04-30 12:00,100\n",
        );
        let options = ModelOptions::default();
        assert_eq!(credit(&c, 30, Model::PlatformLastClick, &options).0, [0.0, 1.0, 0.0]);
        // The click window is the platform's own: a 1-day lookback does not shrink it.
        assert_eq!(credit(&c, 1, Model::PlatformLastClick, &options).0, [0.0, 1.0, 0.0]);
        let one_day = ModelOptions { click_window_hours: 24, ..ModelOptions::default() };
        assert_eq!(credit(&c, 30, Model::PlatformLastClick, &one_day), (vec![0.0, 0.0, 0.0], 1.0));
        let week = ModelOptions { click_window_hours: 168, ..ModelOptions::default() };
        assert_eq!(credit(&c, 30, Model::PlatformLastClick, &week).0, [0.0, 1.0, 0.0]);
    }

    #[test]
    fn touch_weights_follow_the_touch_types() {
        let c = campaign("u1,big,2025-04-20,view\nu1,koc,2025-04-21,promo_code\n", "o1,u1,2025-04-22,60\n");
        let (_, per_model) = attribute_window(&c, 30, &[Model::TouchWeighted], &ModelOptions::default());
        let values: Vec<Decimal> = per_model[0].credits.iter().map(|c| c.value.round_dp(10)).collect();
        assert_eq!(values, [Decimal::new(10, 0), Decimal::ZERO, Decimal::new(50, 0)]);
    }
}
