//! The window by category, computed by hand. Runs natively and in wasm.
//!
//! Roster: A (mega), B (KOC). Table: skincare 60 days, snacks 14, luxury 120; other 30.
//! Every order is placed 2025-04-15 12:00; ages below are days before it.
//! - u1: A view 45 days, B click 5 days; o1 300.00 skincare (60 days): A and B. At 30 days: B.
//! - u2: A view 20 days, B view 2 days; o2 100.00 snacks (14 days): B. At 30 days: A and B.
//! - u4: A view 40 days; o4 50.00 toys, not in the table (other, 30 days): no touch, unattributed.
//! - u5: B view 26 days; o5 20.00 without a category (other, 30 days): B.
//! - u3 never buys: A view 2025-03-01, B save 2025-04-05 (35 days later): its path looks back
//!   the other days (30) from its last touch, so it is `B`, non-converting.
//!
//! So the window by category's paths are `A > B` (1 order, 300) and `B` (2 orders, 120; 1 null),
//! and 50 unattributed. Credit per creator (tiers alike: mega is A, KOC is B):
//! - last touch: A 0, B 300 + 100 + 20 = 420.
//! - first touch: A 300, B 100 + 20 = 120.
//! - linear: A 300/2 = 150, B 150 + 100 + 20 = 270.
//!
//! At 30 days the same orders give `B` for o1 and `A > B` for o2: first touch A 100, B 320;
//! linear A 50, B 300 + 50 + 20 = 370. Each model's credits plus 50 unattributed are 470.
//! Markov and Shapley are held to the same models run on the category window's paths file.
#![allow(clippy::float_cmp)]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use kol_attribution::{
    CampaignInputs, CategoryLookback, CategoryWindows, CompareOptions, Comparison, Error, Intervals, Model,
    ProblemCode, ReportOptions, campaign_report, compare_paths, report_csv,
};
use rust_decimal::Decimal;

fn inputs() -> CampaignInputs {
    CampaignInputs {
        creators: "kol_id,tier\nA,mega\nB,KOC\n".into(),
        touchpoints: "journey_id,kol_id,timestamp,touch_type\n\
                      u1,A,2025-03-01 12:00,view\nu1,B,2025-04-10 12:00,click\n\
                      u2,A,2025-03-26 12:00,view\nu2,B,2025-04-13 12:00,view\n\
                      u3,A,2025-03-01 12:00,view\nu3,B,2025-04-05 12:00,save\n\
                      u4,A,2025-03-06 12:00,view\nu5,B,2025-03-20 12:00,view\n"
            .into(),
        orders: "order_id,journey_id,timestamp,value,category\n\
                 o1,u1,2025-04-15 12:00,300.00,skincare\no2,u2,2025-04-15 12:00,100.00,snacks\n\
                 o4,u4,2025-04-15 12:00,50.00,toys\no5,u5,2025-04-15 12:00,20.00,\n"
            .into(),
        ..CampaignInputs::default()
    }
}

const MODELS: [Model; 5] = [Model::LastTouch, Model::FirstTouch, Model::Linear, Model::Markov, Model::Shapley];

fn options() -> ReportOptions {
    ReportOptions {
        models: MODELS.to_vec(),
        windows: vec![30],
        category_windows: CategoryWindows { enabled: true, ..CategoryWindows::default() },
        intervals: Intervals { resamples: 0 },
        ..ReportOptions::default()
    }
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn value(comparison: &Comparison, model: Model, channel: &str) -> Decimal {
    let found = comparison.credits.iter().find(|c| c.model == model && c.channel == channel);
    found.unwrap_or_else(|| panic!("no {channel} under {model:?}")).value
}

fn unattributed(comparison: &Comparison, model: Model) -> Decimal {
    comparison.unattributed.iter().find(|u| u.model == model).unwrap().value
}

#[test]
fn each_order_looks_back_its_categorys_days() {
    let report = campaign_report(&inputs(), &options()).unwrap();
    let days: Vec<u32> = report.windows.iter().map(|w| w.days).collect();
    assert_eq!(days, [30, kol_attribution::CATEGORY_WINDOW], "the window by category after the fixed ones");
    let (fixed, by_category) = (&report.windows[0], &report.windows[1]);
    assert!(fixed.by_category.is_none());
    for level in [by_category.creators.as_ref().unwrap(), by_category.tiers.as_ref().unwrap()] {
        let [a, b] = if level.channels[0] == "A" { ["A", "B"] } else { ["mega", "KOC"] };
        let credit = |model| [value(level, model, a), value(level, model, b)];
        assert_eq!(credit(Model::LastTouch), [d("0.00"), d("420.00")]);
        assert_eq!(credit(Model::FirstTouch), [d("300.00"), d("120.00")]);
        assert_eq!(credit(Model::Linear), [d("150.00"), d("270.00")]);
        for model in MODELS {
            let [x, y] = credit(model);
            assert_eq!(x + y + unattributed(level, model), d("470.00"), "{model:?} reconciles to the fen");
            assert_eq!(unattributed(level, model), d("50.00"), "{model:?}: o4 falls back to 30 days");
        }
    }
    let creators = fixed.creators.as_ref().unwrap();
    assert_eq!(
        [value(creators, Model::FirstTouch, "A"), value(creators, Model::FirstTouch, "B")],
        [d("100.00"), d("320.00")]
    );
    assert_eq!([value(creators, Model::Linear, "A"), value(creators, Model::Linear, "B")], [d("50.00"), d("370.00")]);
}

#[test]
fn the_data_driven_models_fit_the_category_windows_own_paths() {
    let report = campaign_report(&inputs(), &options()).unwrap();
    let creators = report.windows[1].creators.as_ref().unwrap();
    let paths = "path,total_conversions,total_conversion_value,total_null\nA > B,1,300.00,0\nB,2,120.00,1\n";
    let compare = CompareOptions { models: Some(vec![Model::Markov, Model::Shapley]), ..CompareOptions::default() };
    let alone = compare_paths(paths, &compare).unwrap();
    for model in [Model::Markov, Model::Shapley] {
        for channel in ["A", "B"] {
            assert_eq!(value(creators, model, channel), value(&alone, model, channel), "{model:?} {channel}");
        }
    }
}

#[test]
fn the_report_says_what_the_window_did_with_each_category() {
    let report = campaign_report(&inputs(), &options()).unwrap();
    let said = report.windows[1].by_category.as_ref().unwrap();
    let named = |category: &str, days, orders| CategoryLookback { category: category.into(), days, orders };
    assert_eq!(said.categories, [named("luxury", 120, 0), named("skincare", 60, 1), named("snacks", 14, 1)]);
    assert_eq!((said.other_days, said.uncategorised_orders), (30, 1));
    assert_eq!(said.unlisted, [named("toys", 30, 1)]);
    assert_eq!(said.unused, ["luxury"]);
    let toys: Vec<_> = report.warnings.iter().filter(|w| w.value.as_deref() == Some("toys")).collect();
    assert_eq!(toys.len(), 1);
    assert_eq!((toys[0].file.as_str(), toys[0].line, toys[0].code), ("orders", 4, ProblemCode::UnknownValue));
    let csv = report_csv(&report);
    assert!(csv.contains("\ncategory,creator,linear,A,"), "{csv}");
    assert!(csv.contains("\n30,creator,linear,A,"), "{csv}");
}

#[test]
fn a_bad_table_is_refused_naming_the_option_and_the_value() {
    let refused = |windows: CategoryWindows| match campaign_report(
        &inputs(),
        &ReportOptions { category_windows: windows, ..options() },
    ) {
        Err(Error::InvalidOption { option, value, .. }) => (option, value),
        other => panic!("{other:?}"),
    };
    let table = |entries: &[(&str, u32)]| CategoryWindows {
        enabled: true,
        days: entries.iter().map(|&(c, d)| (c.to_owned(), d)).collect(),
        other_days: 30,
    };
    assert_eq!(refused(table(&[("skincare", 3651)])), ("categoryWindows.days.skincare".into(), "3651".into()));
    assert_eq!(refused(table(&[("", 30)])), ("categoryWindows.days".into(), "=30".into()));
    assert_eq!(
        refused(CategoryWindows { other_days: 0, ..table(&[]) }),
        ("categoryWindows.otherDays".into(), "0".into())
    );
    // With the window by category on, the fixed windows may be none at all.
    let alone = ReportOptions { windows: vec![], ..options() };
    assert_eq!(campaign_report(&inputs(), &alone).unwrap().windows.len(), 1);
}
