//! Credit per sales channel (XHS shop, Tmall, JD, the brand's site): under each model, how much of
//! the credit creators earn falls on orders of each channel.
//!
//! A rule-based model credits order by order, so each order's credit goes to the order's channel.
//! A data-driven model credits creators, not orders: each creator's credit is split over channels
//! as that creator's eligible orders in the window are, conversions by their number and value by
//! their value (a creator with no eligible order, e.g. one a fit credits through the others, by the
//! window's orders). Either way a model's channels sum to the fen to its creators' credit.

use rust_decimal::Decimal;

use crate::attribution::allocation::largest_remainder;
use crate::attribution::credit::{Credit, fraction};
use crate::attribution::window::{ClassCredit, OrderClasses, Reach};
use crate::campaign::{Campaign, SalesChannel};
use crate::report::comparison::{ChannelCredit, Comparison};

/// The sales channels a campaign's orders land on, in [`SalesChannel`] order, and each order's
/// place among them: worked out once per report, the same for every window.
pub(crate) struct SalesChannels {
    present: Vec<SalesChannel>,
    slots: Vec<usize>,
}

impl SalesChannels {
    pub(crate) fn of(campaign: &Campaign) -> Self {
        let channels = &campaign.orders.channel;
        let mut present: Vec<SalesChannel> = channels.clone();
        present.sort_unstable();
        present.dedup();
        let slots = channels.iter().map(|&c| present.iter().position(|&p| p == c).unwrap_or(0)).collect();
        Self { present, slots }
    }

    /// The orders' classes for the window's walk, or None when one channel takes everything (no
    /// walk needed).
    pub(crate) fn classes(&self) -> Option<OrderClasses<'_>> {
        (self.present.len() != 1).then(|| OrderClasses { of: &self.slots, count: self.present.len() })
    }
}

/// Every model of `creators` (one window's credit per creator, rounded) per sales channel, from
/// what the window's walk found per channel (`walked`, given when [`SalesChannels::classes`] is).
/// The totals and unattributed amounts are the creators'; organic (the incremental model's) stays
/// with the creators.
pub(crate) fn sales_channels(sales: &SalesChannels, walked: Option<ClassCredit>, creators: &Comparison) -> Comparison {
    let present = &sales.present;
    let (models, per_model) = (&creators.models, creators.channels.len());
    let mut raw = vec![vec![Credit::default(); present.len()]; models.len()];
    let credited = |m: usize| &creators.credits[m * per_model..(m + 1) * per_model];
    match walked {
        None => {
            // One channel takes everything.
            for (m, row) in raw.iter_mut().enumerate() {
                for credit in credited(m) {
                    row[0].conversions += credit.conversions;
                    row[0].value += credit.value;
                    row[0].net_value += credit.net_value;
                }
            }
        }
        Some(walked) => {
            for (model, row) in walked.rule_based {
                if let Some(m) = models.iter().position(|&x| x == model) {
                    raw[m] = row;
                }
            }
            for (m, _) in models.iter().enumerate().filter(|(_, m)| m.is_data_driven()) {
                split_by_reach(credited(m), &walked.reach, &mut raw[m]);
            }
        }
    }
    build(creators, present, raw)
}

/// A data-driven model's creators' credit split over channels by each creator's reach.
fn split_by_reach(credited: &[ChannelCredit], reach: &[Vec<Reach>], raw: &mut [Credit]) {
    let window = &reach[reach.len() - 1];
    for (creator, credit) in credited.iter().enumerate() {
        let mine = &reach[creator];
        let shares = if mine.iter().any(|r| r.orders > 0.0) { mine } else { window };
        let orders: f64 = shares.iter().map(|r| r.orders).sum();
        let value: Decimal = shares.iter().map(|r| r.value).sum();
        if orders == 0.0 {
            continue;
        }
        for (channel, part) in shares.iter().enumerate() {
            raw[channel].conversions += credit.conversions * part.orders / orders;
            // By value; by number when the orders are all worth nothing.
            let share = if value.is_zero() { fraction(part.orders / orders) } else { part.value / value };
            raw[channel].value += credit.value * share;
            raw[channel].net_value += credit.net_value * share;
        }
    }
}

/// Rounds every model's channels to the fen so that they sum to its creators' credit exactly.
fn build(creators: &Comparison, present: &[SalesChannel], raw: Vec<Vec<Credit>>) -> Comparison {
    let totals = &creators.totals;
    let scale = totals.value_scale;
    let per_model = creators.channels.len();
    let mut credits = Vec::with_capacity(raw.len() * present.len());
    for (m, row) in raw.into_iter().enumerate() {
        let model = creators.models[m];
        let mine = &creators.credits[m * per_model..(m + 1) * per_model];
        let value: Decimal = mine.iter().map(|c| c.value).sum();
        let net_value: Decimal = mine.iter().map(|c| c.net_value).sum();
        let values = largest_remainder(value, &row.iter().map(|c| c.value).collect::<Vec<_>>(), scale);
        let nets = largest_remainder(net_value, &row.iter().map(|c| c.net_value).collect::<Vec<_>>(), scale);
        for (((channel, raw), mut value), mut net_value) in present.iter().zip(&row).zip(values).zip(nets) {
            value.rescale(scale);
            net_value.rescale(scale);
            let channel = channel.name().to_owned();
            credits.push(ChannelCredit::summed(model, channel, raw.conversions, value, net_value, totals));
        }
    }
    Comparison {
        models: creators.models.clone(),
        channels: present.iter().map(|c| c.name().to_owned()).collect(),
        totals: totals.clone(),
        unattributed: creators.unattributed.clone(),
        baseline: creators.baseline,
        credits,
        removal_effects: Vec::new(),
        shapley: None,
        organic: Vec::new(),
        incremental: None,
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::attribution::bootstrap::Intervals;
    use crate::attribution::models::Model;
    use crate::campaign::CampaignInputs;
    use crate::campaign::sample::{SampleOptions, sample_campaign};
    use crate::report::campaign::{ReportOptions, campaign_report};
    use crate::report::comparison::Comparison;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    /// u1 saw big, then clicked the KOC's link and bought on Tmall; u2 saved mid's note and bought
    /// in the XHS shop; u3 saw big and bought on JD, refunded 10.
    fn inputs() -> CampaignInputs {
        CampaignInputs {
            creators: "kol_id,tier\nbig,mega\nmid,mid-tier\nkoc,KOC\n".into(),
            touchpoints: "journey_id,kol_id,timestamp,touch_type\nu1,big,2025-04-01 10:00,view\n\
                          u1,koc,2025-04-09 10:00,click\nu2,mid,2025-04-05 10:00,save\nu3,big,2025-04-02 10:00,view\n"
                .into(),
            orders: "order_id,journey_id,timestamp,value,refunded_amount,channel\no1,u1,2025-04-10 10:00,300,,天猫\n\
                     o2,u2,2025-04-06 10:00,100,,小红书\no3,u3,2025-04-03 10:00,50,10,jd\n"
                .into(),
            ..CampaignInputs::default()
        }
    }

    fn report(inputs: &CampaignInputs, models: Vec<Model>) -> Vec<(Comparison, Comparison)> {
        let options = ReportOptions {
            models,
            windows: vec![30],
            intervals: Intervals { resamples: 0 },
            ..ReportOptions::default()
        };
        let report = campaign_report(inputs, &options).unwrap();
        report.windows.into_iter().map(|w| (w.creators.unwrap(), w.sales_channels.unwrap())).collect()
    }

    /// (conversions, value, net value) of `model` per channel, in the comparison's channel order.
    fn rows(sales: &Comparison, model: Model) -> Vec<(f64, Decimal, Decimal)> {
        sales.credits.iter().filter(|c| c.model == model).map(|c| (c.conversions, c.value, c.net_value)).collect()
    }

    #[test]
    fn rule_based_models_credit_each_order_to_its_own_channel() {
        let windows = report(&inputs(), vec![Model::Linear, Model::PlatformLastClick]);
        let (_, sales) = &windows[0];
        assert_eq!(sales.channels, ["xhs_shop", "tmall", "jd"]);
        // Linear credits every order whole to its creators: each channel's credit is its orders'.
        let linear = [(1.0, d("100.00"), d("100.00")), (1.0, d("300.00"), d("300.00")), (1.0, d("50.00"), d("40.00"))];
        assert_eq!(rows(sales, Model::Linear), linear);
        // The platform pays only the KOC's click before o1 (Tmall); the save and the view earn nothing.
        let platform = [(0.0, d("0.00"), d("0.00")), (1.0, d("300.00"), d("300.00")), (0.0, d("0.00"), d("0.00"))];
        assert_eq!(rows(sales, Model::PlatformLastClick), platform);
        assert_eq!(sales.unattributed[1].value, d("150.00"), "the creators' unattributed, as they are");
        // Against the baseline (last touch at 30 days, which credits every order as linear does).
        assert!(sales.credits.iter().filter(|c| c.model == Model::Linear).all(|c| c.value_change.is_zero()));
    }

    #[test]
    fn a_data_driven_models_creators_split_by_the_orders_they_reached() {
        let windows = report(&inputs(), vec![Model::Markov, Model::Shapley]);
        let (creators, sales) = &windows[0];
        for model in [Model::Markov, Model::Shapley] {
            let credit = |id: &str| {
                let c = creators.credits.iter().find(|c| c.model == model && c.channel == id).unwrap();
                (c.conversions, c.value, c.net_value)
            };
            let (big, mid, koc) = (credit("big"), credit("mid"), credit("koc"));
            // big reached o1 (Tmall, 300) and o3 (JD, 50): its conversions split half and half,
            // its value 6/7 and 1/7; mid reached only the XHS shop, the KOC only Tmall.
            let got = rows(sales, model);
            assert!((got[0].0 - mid.0).abs() < 1e-12 && (got[1].0 - (koc.0 + big.0 / 2.0)).abs() < 1e-12);
            assert!((got[2].0 - big.0 / 2.0).abs() < 1e-12, "{model:?}");
            let fen = d("0.01");
            assert_eq!(got[0].1, mid.1);
            assert!((got[1].1 - (koc.1 + big.1 * d("6") / d("7"))).abs() < fen, "{got:?}");
            assert!((got[2].1 - big.1 / d("7")).abs() < fen, "{got:?}");
            assert!((got[2].2 - big.2 / d("7")).abs() < fen, "net value by the same shares: {got:?}");
            let sum = |i: usize| got.iter().map(|r| if i == 1 { r.1 } else { r.2 }).sum::<Decimal>();
            assert_eq!((sum(1), sum(2)), (big.1 + mid.1 + koc.1, big.2 + mid.2 + koc.2), "to the fen");
        }
    }

    #[test]
    fn every_model_reconciles_to_the_fen_with_its_creators() {
        let sample = sample_campaign(&SampleOptions { journeys: 1500, ..SampleOptions::default() }).unwrap();
        let options = ReportOptions {
            windows: vec![7, 60],
            intervals: Intervals { resamples: 0 },
            model_options: crate::attribution::models::ModelOptions { shapley_permutations: 200, ..Default::default() },
            ..ReportOptions::default()
        };
        let report = campaign_report(&sample.inputs, &options).unwrap();
        for window in &report.windows {
            let (creators, sales) = (window.creators.as_ref().unwrap(), window.sales_channels.as_ref().unwrap());
            assert_eq!(sales.channels, ["xhs_shop", "tmall", "jd", "d2c"]);
            for &model in &creators.models {
                let of = |c: &Comparison| -> (f64, Decimal, Decimal) {
                    let mine = c.credits.iter().filter(|x| x.model == model);
                    mine.fold((0.0, Decimal::ZERO, Decimal::ZERO), |s, x| {
                        (s.0 + x.conversions, s.1 + x.value, s.2 + x.net_value)
                    })
                };
                let (want, got) = (of(creators), of(sales));
                assert_eq!((got.1, got.2), (want.1, want.2), "{model:?} at {} days", window.days);
                assert!((got.0 - want.0).abs() < 1e-9, "{model:?}");
            }
        }
    }

    #[test]
    fn one_channel_takes_every_models_credit() {
        let mut one = inputs();
        one.orders = one.orders.replace("天猫", "jd").replace("小红书", "JD");
        let windows = report(&one, vec![Model::FirstTouch, Model::Markov]);
        let (creators, sales) = &windows[0];
        assert_eq!(sales.channels, ["jd"]);
        for (m, &model) in creators.models.iter().enumerate() {
            let value: Decimal = creators.credits.iter().filter(|c| c.model == model).map(|c| c.value).sum();
            assert_eq!(sales.credits[m].value, value);
        }
    }
}
