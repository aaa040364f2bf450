use rust_decimal::Decimal;

use super::*;
use crate::campaign::sample::{SampleOptions, sample_campaign};
use crate::campaign::test_support::campaign;
use crate::campaign::{CampaignOptions, read_campaign};

/// A two-creator journey: A's view two days before B's, the order after B's.
fn two_touches() -> Campaign {
    campaign("u1,big,2025-04-01 12:00,view\nu1,koc,2025-04-01 12:00,view\n", "o1,u1,2025-04-02 12:00,100.00,\n")
}

#[test]
fn the_worked_example_holds() {
    let c = two_touches();
    let segments = Segments::of_window(&c, 30);
    let layout = Layout { tiers: c.tiers.count(), creators: c.roster.len() };
    let mut theta = vec![0.0; layout.len()];
    theta[Layout::BASELINE] = libm::log(0.01);
    theta[Layout::HALF_LIFE] = libm::log(7.0);
    for t in segments.touches(0) {
        let creator = segments.kinds[segments.kind[t] as usize].creator;
        let strength = if c.roster.creators()[creator as usize].id == "big" { 0.03 } else { 0.02 };
        theta[layout.creator(creator as usize)] = libm::log(strength);
        assert_eq!(segments.hours[t], 0, "both touches at the decision");
    }
    let mut tables = parameters::Tables::default();
    tables.fill(&theta, layout, &segments);
    let fit = Fit { theta, layout, tables, creator_sd: 0.5, held: Vec::new(), converged: true, iterations: 0 };
    let mut shares = Vec::new();
    let organic = fit.shares(&segments, 0, &mut shares);
    let share_of = |id: &str| {
        let creator = c.roster.creators().iter().position(|x| x.id == id).unwrap() as u32;
        shares.iter().find(|(k, _)| *k == creator).unwrap().1
    };
    assert!((organic - 0.170_86).abs() < 5e-6, "{organic}");
    assert!((share_of("big") - 0.498_48).abs() < 5e-6, "{shares:?}");
    assert!((share_of("koc") - 0.330_66).abs() < 5e-6, "{shares:?}");
    assert!((organic + share_of("big") + share_of("koc") - 1.0).abs() < 1e-12);
    // In money, rounded by largest remainder as every credit is: ¥49.85, ¥33.06 and ¥17.09.
    let hundred = Decimal::new(10_000, 2);
    let parts: Vec<Decimal> = [share_of("big"), share_of("koc"), organic]
        .iter()
        .map(|&share| {
            let mut credit = Credit::default();
            credit.add(share, 1.0, hundred, hundred);
            credit.value
        })
        .collect();
    let rounded = crate::attribution::allocation::largest_remainder(hundred, &parts, 2);
    assert_eq!(rounded, [Decimal::new(4985, 2), Decimal::new(3306, 2), Decimal::new(1709, 2)]);
}

#[test]
fn credit_and_organic_add_up_to_the_attributed_orders() {
    let sample = sample_campaign(&SampleOptions { journeys: 2000, ..SampleOptions::default() }).unwrap();
    let c = read_campaign(&sample.inputs, &CampaignOptions::default()).unwrap();
    let window = credit_window(&c, 30);
    let segments = Segments::of_window(&c, 30);
    let attributed: Vec<usize> = segments.order.iter().flatten().map(|&o| o as usize).collect();
    let value: Decimal = attributed.iter().map(|&o| c.orders.gross[o]).sum();
    let credited: Decimal = window.credits.iter().map(|x| x.value).sum::<Decimal>() + window.organic.value;
    assert!((credited - value).abs() < Decimal::new(1, 6), "{credited} vs {value}");
    let conversions: f64 = window.credits.iter().map(|x| x.conversions).sum::<f64>() + window.organic.conversions;
    assert!((conversions - attributed.len() as f64).abs() < 1e-9);
    assert!(window.organic.conversions > 0.0, "some sales would have happened anyway");
}

#[test]
fn the_fit_recovers_the_samples_tiers() {
    let sample = sample_campaign(&SampleOptions { journeys: 20_000, ..SampleOptions::default() }).unwrap();
    let c = read_campaign(&sample.inputs, &CampaignOptions::default()).unwrap();
    let window = credit_window(&c, 120);
    assert!(window.summary.converged, "{:?}", window.summary.iterations);
    let tier_names: Vec<&str> = sample.truth.iter().map(|t| t.tier.as_str()).collect();
    let mut credited = vec![0.0; tier_names.len()];
    for (creator, credit) in c.roster.creators().iter().zip(&window.credits) {
        let name = c.tiers.name(creator.tier);
        if let Some(t) = tier_names.iter().position(|&n| n == name) {
            credited[t] += credit.conversions;
        }
    }
    let total: f64 = credited.iter().sum();
    let truth: f64 = sample.truth.iter().map(|t| t.incremental_conversions).sum();
    let error: f64 =
        credited.iter().zip(&sample.truth).map(|(&x, t)| (x / total - t.incremental_conversions / truth).abs()).sum();
    assert!(error < 0.05, "tier shares miss the truth by {error}: {credited:?} vs {:?}", sample.truth);
    // Saves and clicks move a journey more than views in the sample; the fit learns it.
    let strength = |kind: &str| window.summary.touch_types.iter().find(|t| t.touch_type == kind).unwrap().strength;
    assert!(strength("save") > 1.5 && strength("click") > 1.5, "{:?}", window.summary.touch_types);
}

#[test]
fn the_same_input_gives_the_same_bits() {
    let sample = sample_campaign(&SampleOptions { journeys: 1500, ..SampleOptions::default() }).unwrap();
    let c = read_campaign(&sample.inputs, &CampaignOptions::default()).unwrap();
    let (a, b) = (credit_window(&c, 30), credit_window(&c, 30));
    assert_eq!(a.summary, b.summary);
    assert!(a.credits.iter().zip(&b.credits).all(|(x, y)| x == y));
}
