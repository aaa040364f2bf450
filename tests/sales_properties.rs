//! Property tests over random campaigns with sales channels and promo codes: every model's credit
//! per sales channel reconciles to the fen with its creators' in every window, and neither the
//! channels nor the touches codes add depend on the order of the rows.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;

use kol_attribution::{CampaignInputs, CampaignReport, Intervals, ReportOptions, campaign_report};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use rust_decimal::Decimal;

const TYPES: [&str; 4] = ["view", "save", "click", "promo_code"];
const CHANNELS: [&str; 5] = ["xhs_shop", "天猫", "jd", "官网", "other"];

/// One user: touches `(creator, minute, type)` and orders `(minute, value in fen, channel, code)`,
/// the code none (0), a creator's (1 to 4, lower case and spaced) or no one's (5).
type User = (Vec<(usize, u32, usize)>, Vec<(u32, u32, usize, usize)>);

fn users() -> impl Strategy<Value = Vec<User>> {
    let touch = (0..4_usize, (0..200_u32).prop_map(|m| m * 700), 0..TYPES.len());
    let order = ((0..200_u32).prop_map(|m| m * 700), 100..100_000_u32, 0..CHANNELS.len(), 0..6_usize);
    proptest::collection::vec((proptest::collection::vec(touch, 0..5), proptest::collection::vec(order, 0..3)), 1..12)
}

/// The campaign as CSV, its rows in reverse when `reversed`.
fn inputs(users: &[User], reversed: bool) -> CampaignInputs {
    let stamp = |minute: u32| 1_740_758_400 + i64::from(minute) * 60;
    let (mut touches, mut orders) = (Vec::new(), Vec::new());
    for (u, (logged, bought)) in users.iter().enumerate() {
        for &(creator, minute, kind) in logged {
            touches.push(format!("u{u},k{creator},{},{}", stamp(minute), TYPES[kind]));
        }
        for (k, &(minute, fen, channel, code)) in bought.iter().enumerate() {
            let code = match code {
                0 => String::new(),
                5 => "NOBODY".to_owned(),
                c => format!("code {}", c - 1),
            };
            let value = Decimal::new(i64::from(fen), 2);
            orders.push(format!("o{u}_{k},u{u},{},{value},{},{code}", stamp(minute), CHANNELS[channel]));
        }
    }
    if reversed {
        touches.reverse();
        orders.reverse();
    }
    let mut creators = String::from("kol_id,tier,promo_code\n");
    for (c, tier) in ["mega", "mid-tier", "micro", "KOC"].iter().enumerate() {
        let _ = writeln!(creators, "k{c},{tier},CODE{c}");
    }
    CampaignInputs {
        creators,
        touchpoints: format!("journey_id,kol_id,timestamp,touch_type\n{}\n", touches.join("\n")),
        orders: format!("order_id,journey_id,timestamp,value,channel,promo_code\n{}\n", orders.join("\n")),
        ..CampaignInputs::default()
    }
}

fn report(inputs: &CampaignInputs) -> CampaignReport {
    let options =
        ReportOptions { windows: vec![1, 30, 120], intervals: Intervals { resamples: 0 }, ..ReportOptions::default() };
    campaign_report(inputs, &options).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, rng_seed: RngSeed::Fixed(0x5a1e_5c0d), ..ProptestConfig::default() })]

    #[test]
    fn every_models_sales_channels_sum_to_its_creators_to_the_fen(users in users()) {
        let report = report(&inputs(&users, false));
        for window in &report.windows {
            let (creators, sales) = (window.creators.as_ref().unwrap(), window.sales_channels.as_ref().unwrap());
            prop_assert_eq!(&sales.totals, &creators.totals);
            for &model in &creators.models {
                let sum = |c: &kol_attribution::Comparison| {
                    c.credits.iter().filter(|x| x.model == model).fold((0.0, Decimal::ZERO, Decimal::ZERO), |s, x| {
                        (s.0 + x.conversions, s.1 + x.value, s.2 + x.net_value)
                    })
                };
                let (want, got) = (sum(creators), sum(sales));
                prop_assert_eq!((got.1, got.2), (want.1, want.2), "{:?} at {} days", model, window.days);
                prop_assert!((got.0 - want.0).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn codes_and_sales_channels_do_not_depend_on_row_order(users in users()) {
        let (a, b) = (report(&inputs(&users, false)), report(&inputs(&users, true)));
        let (x, y) = (&a.summary.promo_codes, &b.summary.promo_codes);
        prop_assert_eq!((x.orders_with_code, x.matched, x.touches_added), (y.orders_with_code, y.matched, y.touches_added));
        prop_assert_eq!(a.summary.touchpoints, b.summary.touchpoints);
        for (v, w) in a.windows.iter().zip(&b.windows) {
            let (p, q) = (v.sales_channels.as_ref().unwrap(), w.sales_channels.as_ref().unwrap());
            prop_assert_eq!(&p.channels, &q.channels);
            prop_assert_eq!(p.credits.len(), q.credits.len());
            // Values to the fen; conversions to float rounding (a fit's sums run in journey order).
            for (e, g) in p.credits.iter().zip(&q.credits) {
                prop_assert_eq!((e.model, &e.channel, e.value, e.net_value), (g.model, &g.channel, g.value, g.net_value));
                prop_assert!((e.conversions - g.conversions).abs() < 1e-9);
            }
        }
    }
}
