//! Property tests over random campaigns: whatever the data, every model in every window conserves
//! credit, ignores creator names, and scales with the data.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::float_cmp, reason = "order counts are exactly representable")]

use std::fmt::Write as _;

use kol_attribution::CampaignInputs;
use kol_attribution::Intervals;
use kol_attribution::{CampaignReport, ReportOptions, campaign_report};
use kol_attribution::{Comparison, Model};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use rust_decimal::Decimal;

const TYPES: [&str; 7] = ["view", "like", "save", "comment", "click", "promo_code", "qr_scan"];

/// One user: touches `(creator, minute, type)` and orders `(minute, value in fen, refunded)`.
type User = (Vec<(usize, u32, usize)>, Vec<(u32, u32, bool)>);

fn users() -> impl Strategy<Value = Vec<User>> {
    // Few distinct minutes, so that touches and orders at the same instant are common.
    let touch = (0..5_usize, (0..400_u32).prop_map(|m| m * 500), 0..TYPES.len());
    let order = ((0..400_u32).prop_map(|m| m * 500), 100..100_000_u32, any::<bool>());
    proptest::collection::vec((proptest::collection::vec(touch, 0..6), proptest::collection::vec(order, 0..3)), 1..12)
}

fn stamp(minute: u32) -> String {
    // Minutes after 2025-03-01 00:00 China time, written as Unix seconds.
    (1_740_758_400 + i64::from(minute) * 60).to_string()
}

/// The campaign as CSV; `name` renames creators, `copies` repeats every user under new ids.
fn inputs(users: &[User], name: impl Fn(usize) -> String, copies: usize) -> CampaignInputs {
    campaign_csv(users, name, copies, false)
}

/// As [`inputs`]; with `distinct`, a user's touches are a second apart at least, so none tie.
fn campaign_csv(users: &[User], name: impl Fn(usize) -> String, copies: usize, distinct: bool) -> CampaignInputs {
    let mut creators = String::from("kol_id,tier\n");
    for (c, tier) in ["mega", "mid-tier", "micro", "KOC", "KOC"].iter().enumerate() {
        let _ = writeln!(creators, "{},{tier}", name(c));
    }
    let (mut touchpoints, mut orders) = (String::from("journey_id,kol_id,timestamp,touch_type\n"), String::new());
    orders.push_str("order_id,journey_id,timestamp,value,returned\n");
    for copy in 0..copies {
        for (u, (touches, buys)) in users.iter().enumerate() {
            for (j, &(creator, minute, kind)) in touches.iter().enumerate() {
                let at = stamp(minute).parse::<i64>().unwrap() + if distinct { i64::try_from(j).unwrap() } else { 0 };
                let _ = writeln!(touchpoints, "u{copy}_{u},{},{at},{}", name(creator), TYPES[kind]);
            }
            for (k, &(minute, fen, returned)) in buys.iter().enumerate() {
                let value = Decimal::new(i64::from(fen), 2);
                let _ = writeln!(
                    orders,
                    "o{copy}_{u}_{k},u{copy}_{u},{},{value},{}",
                    stamp(minute),
                    if returned { "yes" } else { "no" }
                );
            }
        }
    }
    CampaignInputs { creators, touchpoints, orders, ..CampaignInputs::default() }
}

fn report(inputs: &CampaignInputs) -> CampaignReport {
    // Intervals are resampled per journey; these properties are about the credit itself.
    let options = ReportOptions {
        windows: vec![1, 7, 30, 120],
        intervals: Intervals { resamples: 0 },
        ..ReportOptions::default()
    };
    campaign_report(inputs, &options).unwrap()
}

fn comparisons(report: &CampaignReport) -> impl Iterator<Item = &Comparison> {
    report.windows.iter().flat_map(|w| [w.creators.as_ref(), w.tiers.as_ref()]).flatten()
}

/// `(model, channel) → (conversions, value)`.
fn credits(comparison: &Comparison) -> Vec<(Model, String, f64, Decimal)> {
    comparison.credits.iter().map(|c| (c.model, c.channel.clone(), c.conversions, c.value)).collect()
}

/// Renaming creators renames their credit: conversions to 1e-9, values to a fen per creator.
fn relabeling_check(users: &[User]) -> Result<(), TestCaseError> {
    let plain = report(&campaign_csv(users, |c| format!("k{c}"), 1, true));
    let renamed = report(&campaign_csv(users, |c| format!("新达人{}", 4 - c), 1, true));
    for (a, b) in comparisons(&plain).zip(comparisons(&renamed)) {
        let rename = |channel: &str| {
            channel
                .strip_prefix('k')
                .map_or(channel.to_owned(), |n| format!("新达人{}", 4 - n.parse::<usize>().unwrap()))
        };
        let mut expected: Vec<_> = credits(a).into_iter().map(|(m, ch, conv, v)| (m, rename(&ch), conv, v)).collect();
        let mut got = credits(b);
        expected.sort_by(|x, y| (x.0, &x.1).cmp(&(y.0, &y.1)));
        got.sort_by(|x, y| (x.0, &x.1).cmp(&(y.0, &y.1)));
        for (e, g) in expected.iter().zip(&got) {
            prop_assert_eq!((e.0, &e.1), (g.0, &g.1));
            prop_assert!((e.2 - g.2).abs() < 1e-9);
            // An exact tie of remainders goes to the channel first in name order, so a renamed
            // creator may take or give one fen; a tier sums its creators, one fen each at most.
            let creators_in_channel = if e.1.starts_with("新达人") { 1 } else { 5 };
            prop_assert!((e.3 - g.3).abs() <= Decimal::new(creators_in_channel, 2), "{:?} vs {:?}", e, g);
        }
        prop_assert_eq!(&a.totals, &b.totals);
    }
    Ok(())
}

/// Found by CI: two pairs of same-tier creators whose linear shares tie at half a fen; renamed, the
/// spare fen go to the other creators of each pair, moving each tier by two fen.
#[test]
fn relabeling_with_tied_half_fen() {
    let users: Vec<User> = vec![
        (vec![(3, 0, 0), (4, 0, 0)], vec![(500, 44_639, false)]),
        (vec![(0, 0, 0), (1, 0, 0)], vec![(500, 5_831, false)]),
    ];
    relabeling_check(&users).unwrap();
}

proptest! {
    // Fixed seeds: every run checks the same cases, so CI cannot pass or fail by chance.
    #![proptest_config(ProptestConfig { cases: 64, rng_seed: RngSeed::Fixed(0x6b6f_6c01), ..ProptestConfig::default() })]

    #[test]
    fn credit_is_conserved_by_every_model_in_every_window(users in users()) {
        let report = report(&inputs(&users, |c| format!("k{c}"), 1));
        let orders: usize = users.iter().map(|u| u.1.len()).sum();
        for comparison in comparisons(&report) {
            prop_assert_eq!(comparison.totals.conversions, orders as f64);
            let channels = comparison.channels.len();
            for (m, lost) in comparison.unattributed.iter().enumerate() {
                let cells = &comparison.credits[m * channels..(m + 1) * channels];
                // What would have happened anyway: `incremental`'s own row, nothing for the others.
                let organic = comparison.organic.iter().find(|o| o.model == lost.model);
                let (organic_conversions, organic_value, organic_net) =
                    organic.map_or((0.0, Decimal::ZERO, Decimal::ZERO), |o| (o.conversions, o.value, o.net_value));
                let conversions: f64 = cells.iter().map(|c| c.conversions).sum::<f64>() + organic_conversions;
                prop_assert!((conversions + lost.conversions - orders as f64).abs() < 1e-9);
                let value: Decimal = cells.iter().map(|c| c.value).sum::<Decimal>() + organic_value;
                prop_assert_eq!(value + lost.value, comparison.totals.value);
                let net: Decimal = cells.iter().map(|c| c.net_value).sum::<Decimal>() + organic_net;
                prop_assert_eq!(net + lost.net_value, comparison.totals.net_value);
                // Shapley may credit a creator below zero (one whose presence lowers the conversion rate).
                let signed = comparison.models[m] == Model::Shapley;
                prop_assert!(signed || cells.iter().all(|c| c.value >= Decimal::ZERO && c.conversions >= -1e-12));
            }
        }
    }

    #[test]
    fn widening_the_window_never_loses_an_attributed_order(users in users()) {
        let report = report(&inputs(&users, |c| format!("k{c}"), 1));
        // Every model the report computed.
        for &model in &report.windows[0].tiers.as_ref().unwrap().models {
            let lost: Vec<f64> = report
                .windows
                .iter()
                .map(|w| w.tiers.as_ref().unwrap().unattributed.iter().find(|u| u.model == model).unwrap().conversions)
                .collect();
            prop_assert!(lost.windows(2).all(|pair| pair[1] <= pair[0]), "{:?}: {:?}", model, lost);
        }
    }

    /// Touches at the same instant are ordered by creator id (so that row order never matters),
    /// and a renaming can swap that order; hence journeys here have no simultaneous touches.
    #[test]
    fn relabeling_creators_permutes_credit_and_changes_nothing_else(users in users()) {
        relabeling_check(&users)?;
    }

    #[test]
    fn duplicating_every_journey_doubles_every_credit(users in users()) {
        let once = report(&inputs(&users, |c| format!("k{c}"), 1));
        let twice = report(&inputs(&users, |c| format!("k{c}"), 2));
        for (a, b) in comparisons(&once).zip(comparisons(&twice)) {
            // The incremental model is fitted with priors: twice the journeys weigh twice against
            // them, so its estimate moves toward what the data alone says (as it should); every
            // other model's credit is a plain sum over journeys.
            for (x, y) in a.credits.iter().zip(&b.credits).filter(|(x, _)| x.model != Model::Incremental) {
                prop_assert!((2.0 * x.conversions - y.conversions).abs() < 1e-9);
                // Each was rounded to the fen on its own: doubled, they may differ by two fen.
                prop_assert!((x.value * Decimal::TWO - y.value).abs() <= Decimal::new(2, 2));
            }
            prop_assert_eq!(a.totals.value * Decimal::TWO, b.totals.value);
        }
    }
}

fn money(inputs: &CampaignInputs, basis: Model) -> kol_attribution::money::MoneyReport {
    use kol_attribution::money::{MoneyOptions, money_report};
    let mut options = MoneyOptions { as_of: Some(1_760_000_000), ..MoneyOptions::default() };
    options.basis.model = basis;
    money_report(inputs, &options).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, rng_seed: RngSeed::Fixed(0x6b6f_6c02), ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_reconciles_and_a_returned_order_earns_nothing(users in users(), linear in any::<bool>()) {
        use kol_attribution::money::LineStatus;
        let basis = if linear { Model::Linear } else { Model::PlatformLastClick };
        let campaign = inputs(&users, |c| format!("k{c}"), 1);
        let report = money(&campaign, basis);
        let lines: Decimal = report.ledger.iter().map(|l| l.amount).sum();
        prop_assert_eq!(lines, report.totals.commission);
        let per_creator: Decimal = report.creators.iter().map(|c| c.commission).sum();
        prop_assert_eq!(per_creator, report.totals.commission);
        let weeks: Decimal = report.calendar.iter().map(|w| w.amount).sum();
        prop_assert_eq!(weeks, report.totals.commission);
        // Every order's commission lines (before returns) are its whole commission, to the fen.
        let mut orders: Vec<&str> = report.ledger.iter().map(|l| l.order_id.as_str()).collect();
        orders.dedup();
        for order in orders {
            let order_lines: Vec<_> = report.ledger.iter().filter(|l| l.order_id == order && l.kind == kol_attribution::money::LineKind::Commission).collect();
            let whole: Decimal = order_lines.iter().map(|l| l.gross_amount).sum();
            prop_assert_eq!(whole.scale(), 2);
            let net: Decimal = report.ledger.iter().filter(|l| l.order_id == order).map(|l| l.amount).sum();
            // The sample marks returned orders fully refunded: they end at zero whatever the timing.
            let returned = campaign.orders.lines().any(|row| row.starts_with(&format!("{order},")) && row.ends_with(",yes"));
            if returned {
                prop_assert_eq!(net, Decimal::ZERO);
                prop_assert!(order_lines.iter().all(|l| l.status == LineStatus::Cancelled || l.amount >= Decimal::ZERO));
            }
        }
    }

    #[test]
    fn results_do_not_depend_on_row_order(users in users()) {
        let campaign = inputs(&users, |c| format!("k{c}"), 1);
        let reversed = |text: &str| {
            let mut rows: Vec<&str> = text.lines().collect();
            rows[1..].reverse();
            rows.join("\n") + "\n"
        };
        let shuffled = CampaignInputs {
            creators: reversed(&campaign.creators),
            touchpoints: reversed(&campaign.touchpoints),
            orders: reversed(&campaign.orders),
            ..CampaignInputs::default()
        };
        let (a, b) = (money(&campaign, Model::Linear), money(&shuffled, Model::Linear));
        let key = |l: &kol_attribution::money::LedgerLine| (l.order_id.clone(), l.kol_id.clone(), l.kind as u8, l.amount);
        let mut x: Vec<_> = a.ledger.iter().map(key).collect();
        let mut y: Vec<_> = b.ledger.iter().map(key).collect();
        x.sort();
        y.sort();
        prop_assert_eq!(x, y);
        prop_assert_eq!(a.totals, b.totals);
        // And the attribution report, channel by channel.
        let (r, s) = (report(&campaign), report(&shuffled));
        for (p, q) in comparisons(&r).zip(comparisons(&s)) {
            let mut x = credits(p);
            let mut y = credits(q);
            x.sort_by(|m, n| (m.0, &m.1).cmp(&(n.0, &n.1)));
            y.sort_by(|m, n| (m.0, &m.1).cmp(&(n.0, &n.1)));
            prop_assert_eq!(x.len(), y.len());
            for (e, g) in x.iter().zip(&y) {
                prop_assert_eq!((e.0, &e.1, e.3), (g.0, &g.1, g.3));
                prop_assert!((e.2 - g.2).abs() < 1e-9);
            }
        }
    }
}

/// Shapley values by their definition: each player's marginal contribution averaged over every
/// order of the players.
fn brute_force_shapley(n: usize, v: &[f64]) -> Vec<f64> {
    fn orders(prefix: &mut Vec<usize>, n: usize, visit: &mut dyn FnMut(&[usize])) {
        if prefix.len() == n {
            return visit(prefix);
        }
        for i in 0..n {
            if !prefix.contains(&i) {
                prefix.push(i);
                orders(prefix, n, visit);
                prefix.pop();
            }
        }
    }
    let (mut phi, mut count) = (vec![0.0; n], 0.0);
    orders(&mut Vec::new(), n, &mut |order| {
        let mut mask = 0;
        for &i in order {
            phi[i] += v[mask | 1 << i] - v[mask];
            mask |= 1 << i;
        }
        count += 1.0;
    });
    phi.iter().map(|p| p / count).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, rng_seed: RngSeed::Fixed(0x6b6f_6c03), ..ProptestConfig::default() })]

    #[test]
    fn shapley_equals_brute_force_on_random_games(n in 1_usize..=6, seed in proptest::collection::vec(0.0_f64..1.0, 64)) {
        // v(∅) = 0, as for journeys without a channel; the rest random conversion rates.
        let v: Vec<f64> = (0..1 << n).map(|mask| if mask == 0 { 0.0 } else { seed[mask % 64] }).collect();
        let exact = kol_attribution::shapley_values(n, |mask| v[mask]);
        let brute = brute_force_shapley(n, &v);
        for (a, b) in exact.iter().zip(&brute) {
            prop_assert!((a - b).abs() < 1e-12, "{:?} vs {:?}", exact, brute);
        }
        prop_assert!((exact.iter().sum::<f64>() - v[(1 << n) - 1]).abs() < 1e-12, "efficiency");
    }
}
