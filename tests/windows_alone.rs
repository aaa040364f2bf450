//! A window's numbers do not depend on which other windows were asked for with it: the page's
//! worker pool splits a report's windows across workers and merges the reports, and must show
//! to the bit what one worker computing every window shows. Every model (Markov, Shapley and
//! incremental among them), with intervals, lift checks and truth scores, at both levels.
#![allow(clippy::float_cmp, reason = "the point is bit-identity")]

use kol_attribution::{
    Baseline, CampaignReport, Comparison, Intervals, Levels, LiftTest, Model, ReportOptions, SampleCampaign,
    SampleOptions, campaign_report, sample_campaign,
};

fn sample(journeys: usize, creators: usize) -> SampleCampaign {
    sample_campaign(&SampleOptions { journeys, creators, ..SampleOptions::default() }).unwrap()
}

/// Every number of two comparisons the same to the bit; amounts the same decimal, scale included.
fn assert_same_bits(whole: &Comparison, alone: &Comparison, what: &str) {
    assert_eq!(whole.credits.len(), alone.credits.len(), "{what}");
    for (a, b) in whole.credits.iter().zip(&alone.credits) {
        let bits = |c: &kol_attribution::ChannelCredit| {
            (
                c.conversions.to_bits(),
                c.conversion_share.to_bits(),
                c.value_share.to_bits(),
                c.conversions_change.to_bits(),
                c.value_share_change.to_bits(),
                c.value_change_percent.map(f64::to_bits),
                c.interval.map(|[low, high]| [low.to_bits(), high.to_bits()]),
            )
        };
        let where_ = format!("{what}: {:?} {}", a.model, a.channel);
        assert_eq!((a.model, &a.channel), (b.model, &b.channel), "{where_}");
        assert_eq!(bits(a), bits(b), "{where_}: {a:?} against {b:?}");
        for (x, y) in [(a.value, b.value), (a.net_value, b.net_value), (a.value_change, b.value_change)] {
            assert_eq!((x, x.scale()), (y, y.scale()), "{where_}");
        }
    }
    for (a, b) in whole.removal_effects.iter().zip(&alone.removal_effects) {
        let bits =
            |r: &kol_attribution::RemovalEffect| [r.conversion.to_bits(), r.value.to_bits(), r.net_value.to_bits()];
        assert_eq!(bits(a), bits(b), "{what}: removal effect of {}", a.channel);
    }
    // Everything else (totals, unattributed, organic, what Shapley and incremental found): the
    // JSON, whose floats are written shortest-round-trip, so equal text is equal bits.
    assert_eq!(serde_json::to_string(whole).unwrap(), serde_json::to_string(alone).unwrap(), "{what}");
}

/// The report of `windows` together, against one report per window, merged in window order.
fn assert_windows_alone(sample: &SampleCampaign, options: &ReportOptions, windows: &[u32]) {
    let whole =
        campaign_report(&sample.inputs, &ReportOptions { windows: windows.to_vec(), ..options.clone() }).unwrap();
    let alone: Vec<CampaignReport> = windows
        .iter()
        .map(|&days| {
            campaign_report(&sample.inputs, &ReportOptions { windows: vec![days], ..options.clone() }).unwrap()
        })
        .collect();
    assert_eq!(whole.windows.len(), windows.len());
    for (window, report) in whole.windows.iter().zip(&alone) {
        let other = &report.windows[0];
        assert_eq!(window.days, other.days);
        let levels = [
            ("creators", &window.creators, &other.creators),
            ("tiers", &window.tiers, &other.tiers),
            ("notes", &window.notes, &other.notes),
            ("groups", &window.groups, &other.groups),
        ];
        for (level, a, b) in levels {
            assert_eq!(a.is_some(), b.is_some(), "{} days, {level}", window.days);
            if let (Some(a), Some(b)) = (a, b) {
                assert_same_bits(a, b, &format!("{} days, {level}", window.days));
            }
        }
        assert_eq!(json(window), json(other), "{} days, the whole window", window.days);
        if options.level == Levels::All {
            assert!(window.notes.is_some() && window.groups.is_some(), "every level compared");
        }
        assert_eq!(report.summary, whole.summary);
        assert_eq!(report.creators, whole.creators);
        assert_eq!(report.notes, whole.notes);
        assert_eq!(report.warnings, whole.warnings);
    }
    // Truth scores and lift checks are per window: the whole report's are each window's, in order.
    let scores: Vec<String> = alone.iter().flat_map(|r| r.truth_scores.iter().map(json)).collect();
    assert_eq!(whole.truth_scores.iter().map(json).collect::<Vec<_>>(), scores, "truth scores");
    let checks: Vec<String> = alone.iter().flat_map(|r| r.lift_checks.iter().map(json)).collect();
    assert_eq!(whole.lift_checks.iter().map(json).collect::<Vec<_>>(), checks, "lift checks");
}

/// A value as JSON text (floats shortest-round-trip: equal text is equal bits).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn lift_test(sample: &SampleCampaign) -> LiftTest {
    let tier = sample.truth[0].tier.clone();
    LiftTest {
        name: String::new(),
        tiers: vec![tier],
        creators: Vec::new(),
        from: "2025-01-01".into(),
        to: "2025-12-31".into(),
        incremental_conversions: Some(10.0),
        relative_lift: None,
        low: 2.0,
        high: 18.0,
    }
}

#[test]
fn every_model_in_a_window_is_what_that_window_alone_gives() {
    let sample = sample(3000, 40);
    let options = ReportOptions {
        models: Model::ALL.to_vec(),
        level: Levels::All,
        intervals: Intervals { resamples: 20 },
        truth: sample.truth.clone(),
        lift_tests: vec![lift_test(&sample)],
        ..ReportOptions::default()
    };
    assert_windows_alone(&sample, &options, &[7, 30, 90]);
}

#[test]
fn a_data_driven_baseline_and_a_wider_roster_change_nothing_either() {
    // The baseline window is computed first, from the same window tables as the others.
    let sample = sample(2000, 300);
    let options = ReportOptions {
        models: vec![Model::LastTouch, Model::Markov, Model::Shapley],
        baseline: Baseline { model: Model::Markov, days: Some(14) },
        intervals: Intervals { resamples: 5 },
        ..ReportOptions::default()
    };
    assert_windows_alone(&sample, &options, &[1, 7, 30, 90, 120]);
}
