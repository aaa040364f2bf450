//! Golden tests over hand-made paths files, with every expected number computed by hand.
//! They run natively (`cargo test`) and in wasm (`cargo test --target wasm32-unknown-unknown`).
#![allow(clippy::float_cmp, reason = "expected values are exactly representable")]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use kol_attribution::{CompareOptions, Comparison, Error, Model, ProblemCode, compare_paths};

const GOLDEN: &str = include_str!("fixtures/paths/golden.csv");
const THIRDS: &str = include_str!("fixtures/paths/thirds.csv");
const BAD_ROWS: &str = include_str!("fixtures/paths/bad_rows.csv");

/// `(conversions, value)` credited to `channel` by `model`.
fn credit(result: &Comparison, model: Model, channel: &str) -> (f64, String) {
    let c = result.credits.iter().find(|c| c.model == model && c.channel == channel).expect("credit row");
    (c.conversions, c.value.to_string())
}

fn assert_credit(result: &Comparison, model: Model, channel: &str, conversions: f64, value: &str) {
    let (got_conversions, got_value) = credit(result, model, channel);
    assert!((got_conversions - conversions).abs() < 1e-9, "{model:?} {channel}: {got_conversions} != {conversions}");
    assert_eq!(got_value, value, "{model:?} {channel} value");
}

#[test]
fn totals_are_read_exactly() {
    let result = compare_paths(GOLDEN, &CompareOptions::default()).unwrap();
    assert_eq!(result.totals.paths, 4);
    assert_eq!(result.totals.conversions, 6.0);
    assert_eq!(result.totals.value.to_string(), "150.00");
    assert_eq!(result.totals.nulls, 10.0);
    assert_eq!(result.channels, ["A", "B", "C"]);
}

#[test]
fn first_touch_by_hand() {
    // A > B > A (3, 90) -> A; B (2, 50) -> B; C > A (1, 10) -> C; B > C has no conversions.
    let result = compare_paths(GOLDEN, &CompareOptions::default()).unwrap();
    assert_credit(&result, Model::FirstTouch, "A", 3.0, "90.00");
    assert_credit(&result, Model::FirstTouch, "B", 2.0, "50.00");
    assert_credit(&result, Model::FirstTouch, "C", 1.0, "10.00");
}

#[test]
fn last_touch_by_hand() {
    // A > B > A -> A; B -> B; C > A -> A.
    let result = compare_paths(GOLDEN, &CompareOptions::default()).unwrap();
    assert_credit(&result, Model::LastTouch, "A", 4.0, "100.00");
    assert_credit(&result, Model::LastTouch, "B", 2.0, "50.00");
    assert_credit(&result, Model::LastTouch, "C", 0.0, "0.00");
}

#[test]
fn linear_counts_a_repeated_creator_per_touch() {
    // A > B > A: A gets 2/3 of (3, 90) = (2, 60), B 1/3 = (1, 30).
    // B: (2, 50). C > A: half each of (1, 10).
    let result = compare_paths(GOLDEN, &CompareOptions::default()).unwrap();
    assert_credit(&result, Model::Linear, "A", 2.5, "65.00");
    assert_credit(&result, Model::Linear, "B", 3.0, "80.00");
    assert_credit(&result, Model::Linear, "C", 0.5, "5.00");
}

#[test]
fn value_shares_weigh_by_value_not_by_count() {
    let result = compare_paths(GOLDEN, &CompareOptions::default()).unwrap();
    let a = result.credits.iter().find(|c| c.model == Model::Linear && c.channel == "A").unwrap();
    assert!((a.conversion_share - 2.5 / 6.0).abs() < 1e-12);
    assert!((a.value_share - 65.0 / 150.0).abs() < 1e-12);
}

#[test]
fn every_model_sums_to_the_totals() {
    for text in [GOLDEN, THIRDS] {
        let result = compare_paths(text, &CompareOptions::default()).unwrap();
        assert_eq!(
            result.models,
            [Model::FirstTouch, Model::LastTouch, Model::Linear, Model::PositionBased, Model::Markov, Model::Shapley]
        );
        for &model in &result.models {
            let rows: Vec<_> = result.credits.iter().filter(|c| c.model == model).collect();
            let conversions: f64 = rows.iter().map(|c| c.conversions).sum();
            let value: rust_decimal::Decimal = rows.iter().map(|c| c.value).sum();
            assert!((conversions - result.totals.conversions).abs() < 1e-9, "{model:?}");
            assert_eq!(value, result.totals.value, "{model:?}");
        }
    }
}

#[test]
fn thirds_round_to_the_fen_and_still_reconcile() {
    // 100.00 split three ways: the unit left over goes to the first of the equal remainders.
    let result = compare_paths(THIRDS, &CompareOptions::default()).unwrap();
    assert_credit(&result, Model::Linear, "A", 1.0 / 3.0, "33.34");
    assert_credit(&result, Model::Linear, "B", 1.0 / 3.0, "33.33");
    assert_credit(&result, Model::Linear, "C", 1.0 / 3.0, "33.33");
}

#[test]
fn only_selected_models_in_the_order_asked() {
    let options = CompareOptions { models: Some(vec![Model::Linear, Model::FirstTouch]), ..CompareOptions::default() };
    let result = compare_paths(GOLDEN, &options).unwrap();
    assert_eq!(result.models, [Model::Linear, Model::FirstTouch]);
    assert_eq!(result.credits.len(), 6);
    assert_eq!(result.credits[0].model, Model::Linear);
}

#[test]
fn bad_rows_are_all_reported_with_line_column_and_value() {
    let Err(Error::Input(problems)) = compare_paths(BAD_ROWS, &CompareOptions::default()) else {
        panic!("expected input problems");
    };
    let found: Vec<_> =
        problems.iter().map(|p| (p.line, p.column, p.column_name.as_deref(), p.value.as_deref(), p.code)).collect();
    assert_eq!(
        found,
        [
            (3, Some(2), Some("total_conversions"), Some("x"), ProblemCode::NotANumber),
            (4, Some(1), Some("path"), Some("C > "), ProblemCode::EmptyPath),
            (5, Some(3), Some("total_conversion_value"), Some("-2"), ProblemCode::Negative),
        ]
    );
}
