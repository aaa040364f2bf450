//! Exact Markov removal effects, checked against rational arithmetic done here: the test builds
//! its own transition counts and solves the absorbing chain with fractions, so nothing is shared
//! with the code under test but the paths.
//! Runs natively and in wasm.

use std::fmt::Write as _;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::collections::HashMap;

use kol_attribution::markov_chain;
use kol_attribution::{PathsOptions, read_paths};

/// `(path, conversions, value, nulls)`: a self-loop (A > A), a channel that never converts (D), a
/// path that only ends in null (C), and revisits (A > B > A > B) that make higher orders loop.
const PATHS: [(&[usize], i128, i128, i128); 7] = [
    (&[0, 1], 2, 300, 1),
    (&[0, 0, 2], 1, 40, 2),
    (&[1, 2], 1, 90, 0),
    (&[2], 0, 0, 3),
    (&[3, 1], 0, 0, 2),
    (&[0, 1, 0, 1, 2], 1, 55, 1),
    (&[1, 0, 1], 1, 20, 1),
];
const NAMES: [&str; 4] = ["A", "B", "C", "D"];

#[derive(Clone, Copy, Debug, PartialEq)]
struct Fraction(i128, i128);

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

impl Fraction {
    fn new(n: i128, d: i128) -> Self {
        let g = gcd(n, d).max(1) * d.signum();
        Self(n / g, d / g)
    }
    fn add(self, o: Self) -> Self {
        Self::new(self.0 * o.1 + o.0 * self.1, self.1 * o.1)
    }
    fn sub(self, o: Self) -> Self {
        self.add(Self(-o.0, o.1))
    }
    fn mul(self, o: Self) -> Self {
        Self::new(self.0 * o.0, self.1 * o.1)
    }
    fn div(self, o: Self) -> Self {
        Self::new(self.0 * o.1, self.1 * o.0)
    }
    fn f64(self) -> f64 {
        self.0 as f64 / self.1 as f64
    }
}

/// Expected conversions (`value == false`) or expected value (`true`) from start, exactly, for
/// the chain of `order` whose states are the last `order` channels. With `removed`, every
/// transition into a state entered through that channel goes to null instead.
fn exact(order: usize, collapse: bool, value: bool, removed: Option<usize>) -> Fraction {
    let mut states: HashMap<Vec<usize>, usize> = HashMap::from([(vec![], 0)]);
    let mut edges: HashMap<(usize, usize), i128> = HashMap::new();
    // Per state: conversions, their value, nulls.
    let mut ends: HashMap<usize, (i128, i128, i128)> = HashMap::new();
    for &(path, conversions, total, nulls) in &PATHS {
        let mut path = path.to_vec();
        if collapse {
            path.dedup();
        }
        let mut from = 0;
        for end in 1..=path.len() {
            let key = path[end.saturating_sub(order)..end].to_vec();
            let next = states.len();
            let to = *states.entry(key).or_insert(next);
            *edges.entry((from, to)).or_default() += conversions + nulls;
            from = to;
        }
        let e = ends.entry(from).or_default();
        *e = (e.0 + conversions, e.1 + total, e.2 + nulls);
    }
    let n = states.len();
    let gone: Vec<bool> = {
        let mut gone = vec![false; n];
        for (key, &s) in &states {
            gone[s] = removed.is_some() && key.last().copied() == removed;
        }
        gone
    };
    let out_total = |i: usize| {
        let e = ends.get(&i).copied().unwrap_or_default();
        edges.iter().filter(|((f, _), _)| *f == i).map(|(_, c)| c).sum::<i128>() + e.0 + e.2
    };
    // Solve (I − Q) x = r by Gauss–Jordan over fractions; removed states are rows x = 0.
    let mut m: Vec<Vec<Fraction>> = (0..n)
        .map(|i| {
            let mut row: Vec<Fraction> = (0..=n).map(|j| Fraction(i128::from(i == j), 1)).collect();
            if gone[i] {
                return row;
            }
            let total = out_total(i);
            for (&(f, t), &c) in &edges {
                if f == i && !gone[t] {
                    row[t] = row[t].sub(Fraction::new(c, total));
                }
            }
            let (conversions, sum, _) = ends.get(&i).copied().unwrap_or_default();
            row[n] = if conversions == 0 {
                Fraction(0, 1)
            } else if value {
                // P(conversion next) × mean value of the conversions ending here.
                Fraction::new(conversions, total).mul(Fraction::new(sum, conversions))
            } else {
                Fraction::new(conversions, total)
            };
            row
        })
        .collect();
    for col in 0..n {
        let pivot = (col..n).find(|&r| m[r][col].0 != 0).expect("the chain is absorbing");
        m.swap(col, pivot);
        let lead = m[col][col];
        for cell in &mut m[col] {
            *cell = cell.div(lead);
        }
        let pivot_row = m[col].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != col && row[col].0 != 0 {
                let factor = row[col];
                for (cell, &above) in row.iter_mut().zip(&pivot_row) {
                    *cell = cell.sub(factor.mul(above));
                }
            }
        }
    }
    m[0][n]
}

fn paths_csv() -> String {
    let mut csv = String::from("path,total_conversions,total_conversion_value,total_null\n");
    for &(path, conversions, value, nulls) in &PATHS {
        let names: Vec<&str> = path.iter().map(|&c| NAMES[c]).collect();
        let _ = writeln!(csv, "{},{conversions},{value},{nulls}", names.join(" > "));
    }
    csv
}

#[test]
fn removal_effects_are_exact_for_every_order() {
    let table = read_paths(&paths_csv(), &PathsOptions::default()).unwrap();
    for order in 1..=4 {
        for collapse in [false, true] {
            let chain = markov_chain(&table, order, collapse);
            let p = exact(order, collapse, false, None);
            let at = format!("order {order}, collapse {collapse}");
            assert!(
                (chain.conversion_probability - p.f64()).abs() < 1e-12,
                "{at}: {} vs {p:?}",
                chain.conversion_probability
            );
            let v = exact(order, collapse, true, None);
            for (k, name) in NAMES.iter().enumerate() {
                let effect = chain.removal_effects.iter().find(|e| e.channel == *name).unwrap();
                let conversion = 1.0 - exact(order, collapse, false, Some(k)).f64() / p.f64();
                let value = 1.0 - exact(order, collapse, true, Some(k)).f64() / v.f64();
                assert!((effect.conversion - conversion).abs() < 1e-12, "{at} {name}: {effect:?} vs {conversion}");
                assert!((effect.value - value).abs() < 1e-12, "{at} {name}: {effect:?} vs value {value}");
            }
        }
    }
}

#[test]
fn a_channel_that_never_converts_still_matters_at_first_order_but_less_at_higher_orders() {
    let table = read_paths(&paths_csv(), &PathsOptions::default()).unwrap();
    let effect = |order, name: &str| {
        markov_chain(&table, order, false).removal_effects.iter().find(|e| e.channel == name).unwrap().conversion
    };
    // No path through D converted, yet the first-order chain forgets where a journey came from:
    // D leads into B, and B converts, so D keeps a removal effect, smaller than B's own. A
    // second-order chain remembers that B came after D, and D's effect disappears.
    let (d, b) = (effect(1, "D"), effect(1, "B"));
    assert!(d > 0.0 && d < b, "D {d}, B {b}");
    assert!(effect(2, "D").abs() < 1e-15, "{}", effect(2, "D"));
}

#[test]
fn the_transition_matrix_is_reported_and_rows_sum_to_one() {
    let table = read_paths(&paths_csv(), &PathsOptions::default()).unwrap();
    for order in 1..=4 {
        let chain = markov_chain(&table, order, false);
        let mut sums: HashMap<&str, f64> = HashMap::new();
        for t in &chain.transitions {
            *sums.entry(t.from.as_str()).or_default() += t.probability;
        }
        assert_eq!(sums.len(), chain.states, "order {order}");
        assert!(sums.values().all(|s| (s - 1.0).abs() < 1e-12), "order {order}: {sums:?}");
        assert_eq!(markov_chain(&table, order, false), chain, "the same answer on every run");
    }
    // A's self-loop at first order: of the 15 steps journeys take out of A, 3 go back to A
    // (A > A > C: 3 journeys); the others go to B (3 + 2 × 2 + 2) and to C (3).
    let chain = markov_chain(&table, 1, false);
    let a_to_a = chain.transitions.iter().find(|t| t.from == "A" && t.to == "A").unwrap();
    assert!((a_to_a.probability - 3.0 / 15.0).abs() < 1e-12, "{a_to_a:?}");
}

/// A campaign drawn with integer arithmetic only, so that native and wasm builds read the same
/// bytes: 600 journeys over 14 creators, some revisiting a creator, a third buying.
fn integer_campaign() -> kol_attribution::CampaignInputs {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    let tiers = ["mega", "mid-tier", "micro", "KOC"];
    let mut creators = String::from("kol_id,tier\n");
    for c in 0..14 {
        let _ = writeln!(creators, "k{c:02},{}", tiers[c % 4]);
    }
    let (mut touchpoints, mut orders) = (
        String::from("journey_id,kol_id,timestamp,touch_type\n"),
        String::from("order_id,journey_id,timestamp,value\n"),
    );
    for journey in 0..600 {
        let mut day = 1 + next(20);
        for _ in 0..=next(4) {
            let _ = writeln!(touchpoints, "u{journey},k{:02},2025-05-{day:02} 10:00,view", next(14));
            day += next(3);
        }
        if next(3) == 0 {
            let _ = writeln!(
                orders,
                "o{journey},u{journey},2025-05-{:02} 12:00,{}.{:02}",
                day.min(28),
                50 + next(500),
                next(100)
            );
        }
    }
    kol_attribution::CampaignInputs { creators, touchpoints, orders, ..kol_attribution::CampaignInputs::default() }
}

/// Every number a report's comparisons give (credit with its intervals, removal effects, the
/// organic row, what the incremental fit learned), as bits, folded into one FNV-1a hash.
fn report_hash(report: &kol_attribution::CampaignReport) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut fold = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for window in &report.windows {
        for comparison in [window.creators.as_ref(), window.tiers.as_ref()].into_iter().flatten() {
            for credit in &comparison.credits {
                fold(&credit.conversions.to_bits().to_le_bytes());
                fold(credit.value.to_string().as_bytes());
                for end in credit.interval.into_iter().flatten() {
                    fold(&end.to_bits().to_le_bytes());
                }
            }
            for effect in &comparison.removal_effects {
                fold(&effect.conversion.to_bits().to_le_bytes());
                fold(&effect.value.to_bits().to_le_bytes());
            }
            for organic in &comparison.organic {
                fold(&organic.conversions.to_bits().to_le_bytes());
                fold(organic.value.to_string().as_bytes());
            }
            // What the fit learned, every number of it, through its JSON (floats written exactly).
            if let Some(learned) = &comparison.incremental {
                fold(serde_json::to_string(learned).unwrap().as_bytes());
            }
        }
    }
    hash
}

/// Every number of the data-driven models and their intervals, as bits, folded into one hash.
fn fingerprint(order: usize) -> String {
    use kol_attribution::Intervals;
    use kol_attribution::Model;
    use kol_attribution::ModelOptions;
    use kol_attribution::{ReportOptions, campaign_report};
    let options = ReportOptions {
        models: vec![Model::Linear, Model::PositionBased, Model::Markov, Model::Shapley],
        windows: vec![7, 30],
        model_options: ModelOptions { markov_order: order, ..ModelOptions::default() },
        intervals: Intervals { resamples: 40 },
        ..ReportOptions::default()
    };
    let hash = report_hash(&campaign_report(&integer_campaign(), &options).unwrap());
    format!("order {order}: {hash:016x}")
}

/// Every number of the incremental model (credit, organic row, intervals, what it learned), as
/// bits, folded into one hash: its fit (Newton's method, the exact Hessian) must give the same bits
/// natively and in wasm.
fn incremental_fingerprint() -> String {
    use kol_attribution::{Intervals, Model, ReportOptions, campaign_report};
    let options = ReportOptions {
        models: vec![Model::Incremental],
        windows: vec![7, 30],
        intervals: Intervals { resamples: 40 },
        ..ReportOptions::default()
    };
    let hash = report_hash(&campaign_report(&integer_campaign(), &options).unwrap());
    format!("incremental: {hash:016x}")
}

/// Paths over many channels, drawn with integer arithmetic only: `rows` paths of 1 to 7 touches
/// over `channels` channels, so that the chain is one large loop and its removal effects are
/// found side by side rather than by one dense factorization.
fn wide_paths(channels: u64, rows: usize) -> String {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    let mut csv = String::from("path,total_conversions,total_conversion_value,total_null\n");
    for _ in 0..rows {
        let path: Vec<String> = (0..=next(6)).map(|_| format!("k{}", next(channels))).collect();
        let conversions = next(3);
        let _ = writeln!(csv, "{},{conversions},{},{}", path.join(" > "), conversions * (10 + next(90)), next(4));
    }
    csv
}

/// Every removal effect of the chain of `order` on [`wide_paths`], as bits, folded into one hash.
fn wide_fingerprint(order: usize, channels: u64, rows: usize) -> String {
    let table = read_paths(&wide_paths(channels, rows), &PathsOptions::default()).unwrap();
    let chain = markov_chain(&table, order, false);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for effect in &chain.removal_effects {
        for bits in [effect.conversion, effect.value, effect.net_value].map(f64::to_bits) {
            for b in bits.to_le_bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("order {order} over {channels} channels: {hash:016x}")
}

/// The same input gives the same bits natively and in wasm: the expected hashes were written by
/// the native build (`UPDATE_GOLDEN=1 cargo test --test golden_markov`), and the wasm run of
/// this test must find exactly them. Two hashes are of chains large enough to be solved side by
/// side with the Perron correction (`src/attribution/markov/lanes.rs`); the last is the
/// incremental model's.
#[test]
fn data_driven_results_are_bit_identical_on_every_platform() {
    let expected = include_str!("fixtures/data_driven_fingerprints.txt");
    let actual = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        fingerprint(1),
        fingerprint(2),
        wide_fingerprint(1, 500, 3000),
        wide_fingerprint(2, 9, 3000),
        incremental_fingerprint()
    );
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/data_driven_fingerprints.txt"), &actual)
            .unwrap();
        return;
    }
    assert_eq!(actual, expected);
}
