use super::*;
use crate::campaign::{CampaignOptions, read_campaign};

/// Every structure on at once, at values the truth grid uses.
fn everything(journeys: usize) -> SampleOptions {
    SampleOptions {
        journeys,
        organic: 0.01,
        half_life_days: 7.0,
        type_contrast: 2.0,
        creator_spread: 0.8,
        roles: true,
        categories: true,
        repeats: 0.4,
        repeat_return: 0.5,
        ..SampleOptions::default()
    }
}

/// FNV-1a, 64 bits: a digest of the sample's bytes that needs no dependency.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[test]
fn the_default_sample_is_the_one_before_the_structures_byte_for_byte() {
    // Taken from the generator before any structure was an option: tests, fixtures and the
    // page's sample depend on these bytes.
    let sample = sample_campaign(&SampleOptions::default()).unwrap();
    let inputs = &sample.inputs;
    // The notes came later, from their own stream, and the roster's promo codes later still:
    // without the touch log's note_id column and the roster's promo_code column (each the last)
    // the bytes are the same.
    let before_last_column = |text: &str| {
        text.lines().fold(String::new(), |mut out, line| {
            out.push_str(&line[..line.rfind(',').unwrap()]);
            out.push('\n');
            out
        })
    };
    let (creators, touches) = (before_last_column(&inputs.creators), before_last_column(&inputs.touchpoints));
    let bytes = format!("{creators}{touches}{}", inputs.orders);
    assert_eq!((bytes.len(), digest(&bytes)), (431_296, 0xada7_e108_364a_1dd9));
    let before = [("mega", 9.519_032_887_438_383, 942), ("mid-tier", 24.835_516_757_136_535, 1717)];
    let before =
        before.into_iter().chain([("micro", 61.116_713_909_579_005, 2394), ("KOC", 165.166_680_179_791_17, 4597)]);
    for (tier, (name, incremental, touches)) in sample.truth.iter().zip(before) {
        assert_eq!((tier.tier.as_str(), tier.touches), (name, touches));
        assert!((tier.incremental_conversions - incremental).abs() < 1e-9 * incremental, "{tier:?}");
    }
}

#[test]
fn every_structure_keeps_the_same_seed_same_bytes() {
    for options in [everything(400), SampleOptions { process: SampleProcess::Hazard, ..everything(400) }] {
        let a = sample_campaign(&options).unwrap();
        assert_eq!(a, sample_campaign(&options).unwrap());
        assert_ne!(a.inputs, sample_campaign(&SampleOptions { seed: 8, ..options }).unwrap().inputs);
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let options = SampleOptions { journeys: 300, ..SampleOptions::default() };
    let a = sample_campaign(&options).unwrap();
    assert_eq!(a, sample_campaign(&options).unwrap());
    assert_ne!(a.inputs, sample_campaign(&SampleOptions { seed: 8, ..options }).unwrap().inputs);
}

#[test]
fn the_sample_reads_cleanly_with_every_tier_and_returns() {
    let sample = sample_campaign(&SampleOptions::default()).unwrap();
    let campaign = read_campaign(&sample.inputs, &CampaignOptions::default()).unwrap();
    assert!(campaign.warnings.is_empty(), "{:?}", campaign.warnings.first());
    let mut tiers: Vec<_> = campaign.roster.creators().iter().map(|c| campaign.tiers.name(c.tier)).collect();
    tiers.dedup();
    assert_eq!(tiers, ["mega", "mid-tier", "micro", "KOC"]);
    assert_eq!(campaign.journeys.len(), 3000);
    let orders = campaign.orders.len();
    // About 8% of journeys convert, as the benchmark's campaigns are specified.
    assert!((180..=330).contains(&orders), "{orders} orders from 3000 journeys");
    assert!(campaign.orders.refunded.iter().any(|r| !r.is_zero()), "some orders are returned");
    let longest =
        (0..campaign.journeys.len() as u32).map(|j| campaign.touches.journey.iter().filter(|&&x| x == j).count()).max();
    assert!(longest >= Some(6), "long journeys exist");
    assert!(sample.truth.iter().all(|t| t.incremental_conversions > 0.0));
}

/// Each creator's true incremental conversions per touch, for creators with at least `least` touches.
fn per_touch(sample: &SampleCampaign, tier: &str, least: usize) -> Vec<f64> {
    let tier = sample.truth.iter().find(|t| t.tier == tier).unwrap();
    tier.creators.iter().filter(|c| c.touches >= least).map(|c| c.incremental_conversions / c.touches as f64).collect()
}

/// The largest over the smallest of `values`.
fn range(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::max) / values.iter().copied().fold(f64::INFINITY, f64::min)
}

#[test]
fn with_the_creator_spread_creators_of_a_tier_differ_in_what_a_touch_causes() {
    let plain = sample_campaign(&SampleOptions { journeys: 20_000, ..SampleOptions::default() }).unwrap();
    let spread = sample_campaign(&SampleOptions { journeys: 20_000, creator_spread: 0.8, ..SampleOptions::default() });
    let spread = spread.unwrap();
    assert!(plain.truth.iter().flat_map(|t| &t.creators).all(|c| c.lift == 1.0));
    let (alike, apart) = (range(&per_touch(&plain, "KOC", 300)), range(&per_touch(&spread, "KOC", 300)));
    assert!(alike < 1.5, "without the spread a KOC's touch causes about the same: {alike}");
    assert!(apart > 2.0 * alike, "with it they differ: {apart} vs {alike}");
    // The spread is what differs: a creator's lift orders its incremental per touch.
    let koc = spread.truth.iter().find(|t| t.tier == "KOC").unwrap();
    let strongest = koc.creators.iter().filter(|c| c.touches >= 300).max_by(|a, b| a.lift.total_cmp(&b.lift)).unwrap();
    let weakest = koc.creators.iter().filter(|c| c.touches >= 300).min_by(|a, b| a.lift.total_cmp(&b.lift)).unwrap();
    let rate = |c: &CreatorTruth| c.incremental_conversions / c.touches as f64;
    assert!(rate(strongest) > rate(weakest), "{strongest:?} vs {weakest:?}");
}

#[test]
fn roles_move_credit_to_the_tiers_that_open_and_close() {
    let share = |sample: &SampleCampaign, tier: &str| {
        let total: f64 = sample.truth.iter().map(|t| t.incremental_conversions).sum();
        sample.truth.iter().find(|t| t.tier == tier).unwrap().incremental_conversions / total
    };
    let plain = sample_campaign(&SampleOptions { journeys: 20_000, ..SampleOptions::default() }).unwrap();
    let roles = sample_campaign(&SampleOptions { journeys: 20_000, roles: true, ..SampleOptions::default() }).unwrap();
    // Mega opens (×2 when it does) and KOC closes (×2); mid-tier and micro gain less or lose.
    assert!(share(&roles, "KOC") > share(&plain, "KOC") + 0.02, "{:?} vs {:?}", roles.truth, plain.truth);
    assert!(share(&roles, "micro") < share(&plain, "micro"));
    let mega = roles.process.roles.iter().find(|r| r.tier == "mega").unwrap();
    assert_eq!((mega.opening, mega.closing), (2.0, 0.7));
    assert!(plain.process.roles.iter().all(|r| (r.opening, r.closing) == (1.0, 1.0)));
}

#[test]
fn touch_types_decay_and_organic_set_what_the_truth_says() {
    let base = SampleOptions { journeys: 5000, ..SampleOptions::default() };
    let strength =
        |s: &SampleCampaign, kind: &str| s.process.touch_types.iter().find(|t| t.touch_type == kind).unwrap().strength;
    let plain = sample_campaign(&base).unwrap();
    assert_eq!((strength(&plain, "save"), strength(&plain, "promo_code")), (2.6, 4.0));
    let flat = sample_campaign(&SampleOptions { type_contrast: 0.0, ..base.clone() }).unwrap();
    assert!(flat.process.touch_types.iter().all(|t| t.strength == 1.0));
    let sharp = sample_campaign(&SampleOptions { type_contrast: 2.0, ..base.clone() }).unwrap();
    assert!((strength(&sharp, "promo_code") - 16.0).abs() < 1e-12);
    assert!(
        sharp.process.conversions > plain.process.conversions && flat.process.conversions < plain.process.conversions
    );
    // A shorter half-life leaves less of each touch at the decision.
    let short = sample_campaign(&SampleOptions { half_life_days: 2.0, ..base.clone() }).unwrap();
    assert_eq!(short.process.half_life_days, 2.0);
    assert!(short.process.conversions < 0.8 * plain.process.conversions);
    // Organic: with no touch a journey buys with 1 − e^(−organic), whatever else it saw.
    let organic = sample_campaign(&SampleOptions { organic: 0.05, ..base.clone() }).unwrap();
    let expected = 5000.0 * -(-0.05_f64).exp_m1();
    assert!((organic.process.organic_conversions - expected).abs() < 1e-6, "{}", organic.process.organic_conversions);
    assert!((plain.process.organic_conversions - 5000.0 * -(-0.003_f64).exp_m1()).abs() < 1e-6);
}

#[test]
fn categories_set_a_journeys_baseline_and_lift_from_its_first_creator() {
    let creators = |category: usize| {
        (0..2).map(|i| SampleCreator { tier: 3, id: format!("k{i}"), lift: 1.0, category }).collect::<Vec<_>>()
    };
    let touches = [(0, TouchType::View, 0.0), (1, TouchType::View, 1.0)];
    let mut out = Vec::new();
    let on = SampleOptions { categories: true, ..SampleOptions::default() };
    let mut strengths = Vec::new();
    for options in [&SampleOptions::default(), &on] {
        for category in 0..CATEGORIES.len() {
            weigh(&touches, &creators(category), options, (1.0, 21.0), &mut out);
            strengths.push(out[1].strength);
        }
    }
    // Off: every category alike; on: skincare as before, the others their lifts.
    assert!(strengths[..4].iter().all(|&s| s == strengths[0]));
    assert_eq!(strengths[4], strengths[0]);
    for (category, &s) in CATEGORIES.iter().zip(&strengths[4..]) {
        assert!((s - strengths[0] * category.lift).abs() < 1e-15, "{}", category.name);
    }
    // The baseline: organic conversions of a campaign with categories differ from one without.
    let base = SampleOptions { journeys: 3000, organic: 0.05, ..SampleOptions::default() };
    let plain = sample_campaign(&base).unwrap();
    let with = sample_campaign(&SampleOptions { categories: true, ..base }).unwrap();
    assert!((with.process.organic_conversions - plain.process.organic_conversions).abs() > 1.0);
}

#[test]
fn repeats_bring_the_same_creator_back_each_time_adding_less() {
    let options = SampleOptions { journeys: 3000, repeats: 0.5, repeat_return: 0.5, ..SampleOptions::default() };
    let sample = sample_campaign(&options).unwrap();
    let rows: Vec<(&str, &str)> = sample
        .inputs
        .touchpoints
        .lines()
        .skip(1)
        .map(|l| {
            let mut cells = l.split(',');
            (cells.next().unwrap(), cells.next().unwrap())
        })
        .collect();
    let (mut follows, mut same) = (0_u32, 0_u32);
    for pair in rows.windows(2).filter(|p| p[0].0 == p[1].0) {
        follows += 1;
        same += u32::from(pair[0].1 == pair[1].1);
    }
    let repeated = f64::from(same) / f64::from(follows);
    assert!((0.45..0.6).contains(&repeated), "{repeated} of touches repeat the creator before");
    // A creator's second touch counts half, its third a quarter.
    let creators = [SampleCreator { tier: 3, id: "k".into(), lift: 1.0, category: 0 }];
    let touches = [(0, TouchType::View, 0.0), (0, TouchType::View, 0.0), (0, TouchType::View, 0.0)];
    let mut out = Vec::new();
    weigh(&touches, &creators, &options, (0.0, 21.0), &mut out);
    let s: Vec<f64> = out.iter().map(|t| t.strength).collect();
    assert_eq!([s[1] / s[0], s[2] / s[0]], [0.5, 0.25]);
}

#[test]
fn the_hazard_process_buys_between_touches_and_the_logistic_one_with_diminishing_returns() {
    let base = SampleOptions { journeys: 5000, ..SampleOptions::default() };
    let hazard = sample_campaign(&SampleOptions { process: SampleProcess::Hazard, ..base.clone() }).unwrap();
    let campaign = read_campaign(&hazard.inputs, &CampaignOptions::default()).unwrap();
    let (touches, orders) = (&campaign.touches, &campaign.orders);
    let touched_after = (0..orders.len()).filter(|&o| {
        let journey = orders.journey[o];
        (0..touches.len()).any(|t| touches.journey[t] == journey && touches.at[t] > orders.at[o])
    });
    assert!(touched_after.count() > orders.len() / 10, "some journeys go on after buying");
    // Diminishing returns: removing the tiers one at a time removes less than all the touches did.
    let logistic = sample_campaign(&SampleOptions { process: SampleProcess::Logistic, ..base }).unwrap();
    let caused = logistic.process.conversions - logistic.process.organic_conversions;
    let tiers: f64 = logistic.truth.iter().map(|t| t.incremental_conversions).sum();
    assert!(tiers < 0.85 * caused, "{tiers} vs {caused}");
    let rate = logistic.process.conversions / 5000.0;
    assert!((0.05..0.12).contains(&rate), "about as many conversions as the noisy-OR: {rate}");
}

#[test]
fn the_truths_sums_are_consistent() {
    for process in [SampleProcess::NoisyOr, SampleProcess::Hazard, SampleProcess::Logistic] {
        let sample = sample_campaign(&SampleOptions { process, ..everything(3000) }).unwrap();
        let rows = sample.inputs.touchpoints.lines().count() - 1;
        assert_eq!(sample.truth.iter().map(|t| t.touches).sum::<usize>(), rows, "{process:?}");
        let caused = sample.process.conversions - sample.process.organic_conversions;
        assert!(sample.process.organic_conversions > 0.0 && caused > 0.0);
        let mut tiers = 0.0;
        for tier in &sample.truth {
            assert_eq!(tier.creators.iter().map(|c| c.touches).sum::<usize>(), tier.touches, "{process:?}");
            let creators: f64 = tier.creators.iter().map(|c| c.incremental_conversions).sum();
            // Removing a tier removes at least what removing each of its creators alone does (every
            // process has non-increasing returns), and nothing is negative.
            assert!(tier.creators.iter().all(|c| c.incremental_conversions >= 0.0));
            assert!(creators <= tier.incremental_conversions * (1.0 + 1e-12), "{process:?} {}", tier.tier);
            tiers += tier.incremental_conversions;
        }
        assert!(tiers <= caused * (1.0 + 1e-12), "{process:?}: {tiers} vs {caused}");
        // The oracle splits every order whole: its parts sum to the orders, tiers to their creators.
        let orders = sample.inputs.orders.lines().count() - 1;
        let oracle = &sample.process.oracle;
        let split = oracle.organic + oracle.tiers.iter().sum::<f64>();
        assert!((split - orders as f64).abs() < 1e-6, "{process:?}: {split} vs {orders}");
        assert!((oracle.creators.iter().sum::<f64>() - oracle.tiers.iter().sum::<f64>()).abs() < 1e-6);
        assert!(tiers > 0.5 * caused, "{process:?}: {tiers} vs {caused}");
    }
}

#[test]
fn a_structure_out_of_range_is_refused_by_its_path() {
    let refused = sample_campaign(&SampleOptions { repeats: 0.95, ..SampleOptions::default() }).unwrap_err();
    assert!(refused.to_string().starts_with("option repeats = \"0.95\""), "{refused}");
    let refused = sample_campaign(&SampleOptions { half_life_days: 0.0, ..SampleOptions::default() }).unwrap_err();
    assert!(refused.to_string().contains("halfLifeDays"), "{refused}");
}

#[test]
fn the_roster_gives_codes_and_promo_codes_adds_orders_the_log_never_saw() {
    let off = sample_campaign(&SampleOptions { journeys: 600, ..SampleOptions::default() }).unwrap();
    let on = sample_campaign(&SampleOptions { journeys: 600, promo_codes: true, ..SampleOptions::default() }).unwrap();
    assert_eq!(on.inputs.touchpoints, off.inputs.touchpoints, "the journeys are the same");
    assert_eq!(on.inputs.creators, off.inputs.creators, "the roster is the same");
    assert!(
        off.inputs.creators.starts_with("kol_id,handle,tier,followers,category,flat_fee,commission_rate,promo_code\n")
    );
    let read = |inputs| read_campaign(inputs, &CampaignOptions::default()).unwrap();
    let (c_off, c_on) = (read(&off.inputs), read(&on.inputs));
    // Off, the orders' codes are those of logged code touches: every one matches, none adds a touch.
    let logged = &c_off.codes;
    assert!(logged.orders_with_code > 0 && logged.matched == logged.orders_with_code, "{logged:?}");
    assert!(logged.unmatched.is_empty() && logged.touches_added == 0, "{logged:?}");
    assert!(c_off.warnings.is_empty(), "{:?}", c_off.warnings);
    let codes = &c_on.codes;
    assert!(codes.unmatched.is_empty() && codes.matched == codes.orders_with_code, "{codes:?}");
    assert!(codes.orders_with_code > c_off.codes.orders_with_code);
    // Exactly the orders whose code the log never saw gained a touch.
    assert_eq!(codes.touches_added, codes.orders_with_code - c_off.codes.orders_with_code);
    assert_eq!(c_on.touches.len(), c_off.touches.len() + codes.touches_added);
    assert!(c_on.warnings.is_empty(), "{:?}", c_on.warnings);
}

#[test]
fn every_touch_is_on_a_note_its_creator_published() {
    let sample = sample_campaign(&SampleOptions { journeys: 500, ..SampleOptions::default() }).unwrap();
    let campaign = read_campaign(&sample.inputs, &CampaignOptions::default()).unwrap();
    assert!(campaign.warnings.iter().all(|w| !w.message.contains("never both")), "boosts add to the roster fee");
    let notes = campaign.notes.all();
    assert!(notes.len() >= campaign.roster.len() && notes.len() <= 3 * campaign.roster.len());
    assert!(notes.iter().all(|n| n.line.is_some() && n.published_at.is_some()), "every note is in the notes file");
    let touches = &campaign.touches;
    for t in 0..touches.len() {
        let note = &notes[touches.note[t] as usize];
        assert_eq!(note.creator, touches.creator[t], "line {}", touches.line[t]);
    }
    let boosted = notes.iter().filter(|n| n.boost_spend.is_some()).count();
    assert!(boosted > 0 && boosted < notes.len() / 2, "some notes boosted: {boosted} of {}", notes.len());
}
