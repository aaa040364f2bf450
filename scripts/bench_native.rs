//! The benchmark's native column: the same phases `scripts/bench.mjs` times in Node and in
//! Chromium, on the same seeded campaigns, printed as one JSON object per line.
//! `cargo bench --bench native -- [JOURNEYS[xCREATORS]...] [--bootstrap-up-to N] [--paths FILE]
//! [--only TEXT]` (the bench script runs it): one sample campaign per size (200 creators unless
//! given, e.g. `100000x2000`); `--paths` also times Markov on a paths file (the bench script
//! writes one from another generator); `--only` keeps the phases whose name contains TEXT, for
//! profiling one phase. Each phase prints its median wall time (`ms`) and the median CPU time of
//! the thread that ran it (`cpuMs`, from `/proc/thread-self/schedstat`; the engine is
//! single-threaded), which other processes on a busy machine disturb far less.
use std::fmt::Write;
use std::time::Instant;

use kol_attribution::Intervals;
use kol_attribution::budget::{BudgetOptions, budget_plan};
use kol_attribution::money::{MoneyOptions, money_report};
use kol_attribution::{CampaignInputs, CheckOptions, model_check};
use kol_attribution::{CampaignOptions, read_campaign};
use kol_attribution::{CompareOptions, Model, ReportOptions, campaign_report, compare_paths};
use kol_attribution::{Levels, PathsExport, campaign_paths_csv, campaign_summary, report_of};
use kol_attribution::{SampleOptions, sample_campaign};

/// This thread's CPU time so far in nanoseconds (Linux), or None where unknown.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Medians of `runs` timings of `work`, in milliseconds: wall time and this thread's CPU time.
fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> (f64, Option<f64>) {
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (started, cpu_started) = (Instant::now(), thread_cpu_ns());
        std::hint::black_box(work());
        wall.push(started.elapsed().as_secs_f64() * 1000.0);
        if let (Some(before), Some(after)) = (cpu_started, thread_cpu_ns()) {
            cpu.push(after.saturating_sub(before) as f64 / 1e6);
        }
    }
    let cpu = (cpu.len() == wall.len()).then(|| median(cpu));
    (median(wall), cpu)
}

/// The JSON fields of a timing.
fn timing((ms, cpu): (f64, Option<f64>)) -> String {
    match cpu {
        Some(cpu) => format!(r#""ms":{ms:.1},"cpuMs":{cpu:.1}"#),
        None => format!(r#""ms":{ms:.1}"#),
    }
}

/// Times `work` and prints the phase, unless `only` leaves it out.
fn phase<T>(size: Size, only: &str, phase: &str, runs: usize, work: impl FnMut() -> T) {
    if phase.contains(only) {
        let timed = timing(time(runs, work));
        let Size { journeys, creators } = size;
        println!(r#"{{"journeys":{journeys},"creators":{creators},"phase":"{phase}",{timed}}}"#);
    }
}

/// The ads and search sources `with_sources` adds, in turn.
const SOURCES: [&str; 5] = ["juguang_search", "juguang_feed", "brand_note", "live_stream", "organic_search"];

/// A sample campaign's inputs with ads and search in its journeys, byte for byte as
/// `withSources` in scripts/bench-phases.mjs writes them: a `source` column, after every fourth
/// touch a source's touch in the same journey at the same time, and a spend file.
fn with_sources(inputs: &CampaignInputs) -> CampaignInputs {
    let mut lines = inputs.touchpoints.lines().filter(|line| !line.is_empty());
    let mut touchpoints = format!("{},source\n", lines.next().unwrap_or_default());
    for (n, row) in lines.enumerate() {
        let _ = writeln!(touchpoints, "{row},");
        if n % 4 == 0 {
            let cells: Vec<&str> = row.split(',').collect();
            let (journey, timestamp, kind) = (cells[0], cells[2], cells[3]);
            let _ = writeln!(touchpoints, "{journey},,{timestamp},{kind},,{}", SOURCES[(n / 4) % SOURCES.len()]);
        }
    }
    let mut spend = String::from("source,date,spend\n");
    for (i, source) in SOURCES.iter().enumerate() {
        let _ = writeln!(spend, "{source},,{}.00", (i + 1) * 10_000);
    }
    CampaignInputs { touchpoints, spend, ..inputs.clone() }
}

/// One sample campaign's dimensions.
#[derive(Clone, Copy)]
struct Size {
    journeys: usize,
    creators: usize,
}

/// The process's peak resident memory so far, in KiB (Linux), or 0 where unknown.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

fn main() {
    // Arguments: sizes, `--bootstrap-up-to N` (the most journeys to bootstrap), `--paths FILE`
    // and `--only TEXT`.
    let (mut sizes, mut bootstrap_up_to, mut only, mut paths) = (Vec::new(), usize::MAX, String::new(), None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--bootstrap-up-to" {
            bootstrap_up_to = args.next().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
        } else if arg == "--only" {
            only = args.next().unwrap_or_default();
        } else if arg == "--paths" {
            paths = args.next();
        } else {
            let (journeys, creators) = arg.split_once('x').unwrap_or((&arg, "200"));
            if let (Ok(journeys), Ok(creators)) = (journeys.parse(), creators.parse()) {
                sizes.push(Size { journeys, creators });
            }
        }
    }
    if sizes.is_empty() {
        sizes = vec![Size { journeys: 10_000, creators: 200 }, Size { journeys: 100_000, creators: 200 }];
    }
    for size in sizes {
        run(size, &only, bootstrap_up_to);
    }
    if let Some(file) = paths {
        let text = std::fs::read_to_string(&file).expect("the paths file");
        for order in [1, 2] {
            let mut options = CompareOptions { models: Some(vec![Model::Markov]), ..CompareOptions::default() };
            options.model_options.markov_order = order;
            let name = format!("markov order {order} on revisiting paths");
            if name.contains(&only) {
                let timed = timing(time(3, || compare_paths(&text, &options).expect("markov")));
                println!(r#"{{"phase":"{name}",{timed}}}"#);
            }
        }
    }
}

/// Every phase on one sample campaign.
fn run(size: Size, only: &str, bootstrap_up_to: usize) {
    let Size { journeys, creators } = size;
    // BENCH_RUNS overrides the count, e.g. to profile one phase over many runs.
    let runs = std::env::var("BENCH_RUNS").ok().and_then(|n| n.parse().ok());
    let runs = runs.unwrap_or(if journeys >= 1_000_000 || creators >= 10_000 { 1 } else { 3 });
    let sample =
        sample_campaign(&SampleOptions { journeys, creators, seed: 7, ..SampleOptions::default() }).expect("sample");
    let inputs = sample.inputs;
    let quiet = |models: Vec<Model>, windows: Vec<u32>, level: Levels, resamples: usize| ReportOptions {
        models,
        windows,
        level,
        intervals: Intervals { resamples },
        ..ReportOptions::default()
    };
    phase(size, only, "read and validate", runs, || {
        campaign_summary(&inputs, &CampaignOptions::default()).expect("read")
    });
    for model in Model::ALL {
        let options = quiet(vec![model], vec![30], Levels::Tier, 0);
        phase(size, only, &format!("{} at 30 days", model.name()), runs, || {
            campaign_report(&inputs, &options).expect("model")
        });
    }
    let read = read_campaign(&inputs, &CampaignOptions::default()).expect("read");
    let mut half_life = quiet(vec![Model::TimeDecay], vec![30], Levels::Tier, 0);
    half_life.model_options.half_life_days = 3.0;
    phase(size, only, "time_decay at 30 days, read once", runs, || report_of(&read, &half_life).expect("report"));
    drop(read);
    let full = quiet(Model::ALL.to_vec(), vec![7, 14, 30, 60, 90, 120], Levels::Both, 0);
    phase(size, only, "full comparison", runs, || campaign_report(&inputs, &full).expect("report"));
    // Issue 10's and 24's target: the nine models before incremental joined the default list.
    let models = Model::ALL.into_iter().filter(|&model| model != Model::Incremental).collect();
    let nine = ReportOptions { models, ..full.clone() };
    phase(size, only, "full comparison, nine models", runs, || campaign_report(&inputs, &nine).expect("report"));
    // What the page computes once a notes or spend file is given: notes and channel groups too.
    let every = ReportOptions { level: Levels::All, ..full.clone() };
    phase(size, only, "full comparison, every level", runs, || campaign_report(&inputs, &every).expect("report"));
    if "full comparison, every level, with sources".contains(only) {
        let sourced = with_sources(&inputs);
        phase(size, only, "full comparison, every level, with sources", runs, || {
            campaign_report(&sourced, &every).expect("report")
        });
    }
    // The Model check view: every model that gives a probability, five folds, one window.
    let check = CheckOptions { days: 30, ..CheckOptions::default() };
    phase(size, only, "model check at 30 days", runs, || model_check(&inputs, &check).expect("check"));
    phase(size, only, "money", runs, || money_report(&inputs, &MoneyOptions::default()).expect("money"));
    if "budget".contains(only) {
        let report = campaign_report(&inputs, &full).expect("report");
        let money = money_report(&inputs, &MoneyOptions::default()).expect("money");
        phase(size, only, "budget", runs, || budget_plan(&report, &money, &BudgetOptions::default()).expect("budget"));
    }
    // What the ChannelAttribution table compares: Markov on the 30-day creator paths file.
    if journeys <= 100_000 {
        let export = PathsExport { days: 30, ..PathsExport::default() };
        let paths = campaign_paths_csv(&inputs, &export).expect("paths");
        for order in [1, 2] {
            let mut options = CompareOptions { models: Some(vec![Model::Markov]), ..CompareOptions::default() };
            options.model_options.markov_order = order;
            let runs = if order == 1 { runs } else { 1 };
            phase(size, only, &format!("markov order {order} on paths"), runs, || {
                compare_paths(&paths, &options).expect("markov")
            });
        }
    }
    if journeys <= bootstrap_up_to {
        let bootstrap = quiet(Model::ALL.to_vec(), vec![30], Levels::Tier, 200);
        phase(size, only, "bootstrap 200 at 30 days", 1, || campaign_report(&inputs, &bootstrap).expect("bootstrap"));
        // What the page computes first: the default models and windows with their intervals.
        phase(size, only, "default comparison with intervals", 1, || {
            campaign_report(&inputs, &ReportOptions::default()).expect("default")
        });
    }
    // Sizes run smallest first, so the peak so far is this size's.
    println!(r#"{{"journeys":{journeys},"creators":{creators},"peakRssKib":{}}}"#, peak_rss_kib());
}
