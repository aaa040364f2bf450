use super::*;
use crate::attribution::bootstrap::Intervals;
use crate::campaign::sample::{SampleOptions, sample_campaign};
use crate::campaign::{CampaignOptions, read_campaign};
use crate::report::campaign::{Levels, report_of};
use crate::report::category_windows::CategoryWindows;

fn sample() -> Campaign {
    let sample = sample_campaign(&SampleOptions { journeys: 600, creators: 30, ..SampleOptions::default() }).unwrap();
    read_campaign(&sample.inputs, &CampaignOptions::default()).unwrap()
}

fn options(windows: Vec<u32>, resamples: usize) -> ReportOptions {
    ReportOptions { windows, intervals: Intervals { resamples }, level: Levels::Tier, ..ReportOptions::default() }
}

/// The intervals the report attaches to its one window's tier credits.
fn reported(campaign: &Campaign, options: &ReportOptions) -> Vec<TierInterval> {
    let report = report_of(campaign, options).unwrap();
    let tiers = report.windows[0].tiers.as_ref().unwrap();
    tiers
        .credits
        .iter()
        .map(|c| TierInterval { model: c.model, channel: c.channel.clone(), interval: c.interval.unwrap() })
        .collect()
}

/// The window's resamples cut at `cuts`, the first part giving the incremental model's interval.
fn parts(campaign: &Campaign, options: &ReportOptions, cuts: &[usize]) -> Vec<ResampledShares> {
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(options.intervals.resamples);
    let range = |i: usize, b: &[usize]| ResampleRange { from: b[0], to: b[1], incremental: i == 0 };
    bounds.windows(2).enumerate().map(|(i, b)| resampled_shares(campaign, options, range(i, b)).unwrap()).collect()
}

fn bits(intervals: &[TierInterval]) -> Vec<(Model, String, u64, u64)> {
    intervals.iter().map(|i| (i.model, i.channel.clone(), i.interval[0].to_bits(), i.interval[1].to_bits())).collect()
}

#[test]
fn parts_in_any_order_give_the_reports_intervals_to_the_bit() {
    let campaign = sample();
    // Every default model: rule-based, Markov, Shapley and the incremental model's analytic one.
    let options = options(vec![30], 20);
    assert!(options.models.contains(&Model::Incremental) && options.models.contains(&Model::Markov));
    let whole = reported(&campaign, &options);
    assert_eq!(whole.len(), options.models.len() * campaign.tier_channels().0.len());
    for cuts in [vec![], vec![1], vec![10], vec![19], vec![3, 3, 9, 20]] {
        let mut given = parts(&campaign, &options, &cuts);
        given.reverse();
        let merged = intervals_of(given).unwrap();
        assert_eq!(merged.days, 30);
        assert_eq!(bits(&merged.intervals), bits(&whole), "cut at {cuts:?}");
    }
    // Only the part asked for it gives the incremental model's interval; a part of no resamples
    // can, so that the fit runs beside the resampling.
    let given = parts(&campaign, &options, &[7]);
    assert!(given[0].incremental.is_some() && given[1].incremental.is_none());
    let apart = |from, to, incremental| resampled_shares(&campaign, &options, ResampleRange { from, to, incremental });
    let alone = [apart(0, 0, true), apart(0, 12, false), apart(12, 20, false)].map(Result::unwrap);
    assert!(alone[0].incremental.is_some() && alone[0].shares.iter().flatten().all(Vec::is_empty));
    assert_eq!(bits(&intervals_of(alone.to_vec()).unwrap().intervals), bits(&whole));
}

#[test]
fn the_window_by_category_is_resampled_in_parts_too() {
    let campaign = sample();
    let category_windows = CategoryWindows { enabled: true, ..CategoryWindows::default() };
    let options = ReportOptions { category_windows, models: vec![Model::Linear, Model::Markov], ..options(vec![], 12) };
    let merged = intervals_of(parts(&campaign, &options, &[5])).unwrap();
    assert_eq!(merged.days, 0);
    assert_eq!(bits(&merged.intervals), bits(&reported(&campaign, &options)));
}

#[test]
fn bad_ranges_and_windows_are_refused() {
    let campaign = sample();
    let options = options(vec![30], 20);
    let refused = |options: &ReportOptions, from, to| {
        resampled_shares(&campaign, options, ResampleRange { from, to, incremental: true }).unwrap_err().to_string()
    };
    assert!(refused(&options, 5, 4).contains("range.from"), "{}", refused(&options, 5, 4));
    let beyond = refused(&options, 0, 21);
    assert!(beyond.contains("range.to") && beyond.contains("intervals.resamples") && beyond.contains("20"), "{beyond}");
    assert!(refused(&options_with(vec![7, 30]), 0, 1).contains("windows"));
    assert!(
        refused(&ReportOptions { intervals: Intervals { resamples: 100_000 }, ..options.clone() }, 0, 1)
            .contains("resamples")
    );
    // An empty part is a part.
    assert!(resampled_shares(&campaign, &options, ResampleRange { from: 20, to: 20, incremental: false }).is_ok());
}

fn options_with(windows: Vec<u32>) -> ReportOptions {
    options(windows, 20)
}

#[test]
fn parts_that_are_not_one_windows_every_resample_once_are_refused() {
    let campaign = sample();
    let options = options(vec![30], 20);
    let given = parts(&campaign, &options, &[8]);
    let refused = |parts: Vec<ResampledShares>| intervals_of(parts).unwrap_err().to_string();
    assert!(refused(Vec::new()).contains("parts"));
    assert!(refused(vec![given[0].clone()]).contains("8 to 20"), "{}", refused(vec![given[0].clone()]));
    assert!(refused(vec![given[1].clone()]).contains("0 to 8"));
    assert!(refused(vec![given[0].clone(), given[0].clone(), given[1].clone()]).contains("0 to 8 are given twice"));
    let other = parts(&campaign, &options_with(vec![7]), &[8]);
    assert!(refused(vec![given[0].clone(), other[1].clone()]).contains("one window"));
    let both = |incremental| {
        let apart = |from, to| resampled_shares(&campaign, &options, ResampleRange { from, to, incremental });
        vec![apart(0, 8).unwrap(), apart(8, 20).unwrap()]
    };
    let none = refused(both(false));
    assert!(none.contains("exactly one must give the incremental model's interval, not 0"), "{none}");
    assert!(refused(both(true)).contains("not 2"));
    // Asked for it, it is given; not asked, it is not.
    let mut flipped = given.clone();
    flipped[0].range.incremental = false;
    assert!(refused(flipped).contains("resamples 0 to 8: not what resampledShares gave"));
    let mut cut = given.clone();
    cut[1].shares[0][0].pop();
    assert!(refused(cut).contains("not what resampledShares gave"));
}
