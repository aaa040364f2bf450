//! Notes, ads and search, computed by hand. Runs natively and in wasm.
//!
//! Roster: A (mega, flat fee 5000, 10%), B (KOC, 10%). Notes: A's a1 (fee 3000, boost 500) and
//! a2 (fee 1000): A's cost becomes 4500, its notes', not the roster's 5000 (never both). Spend:
//! 聚光 search 800 + 400 = 1200. Touches: u1 saw A's a1, then a search ad; u2 searched
//! organically, then B's note (no id); u3 saw A's a2 only.
//! Orders: o1 u1 100, o2 u2 60, o3 u3 40. Last touch at 30 days:
//! - o1 → `juguang_search` 100 (an ad: no commission), o2 → B 60 (commission 6.00), o3 → A a2 40 (4.00).
//! - tiers: mega 40, KOC 60, paid 100; groups: creators 100, paid 100, organic 0.
//!
//! First touch: o1 → A a1 100, o2 → `organic_search` 60, o3 → A a2 40.
#![allow(clippy::float_cmp)]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use kol_attribution::money::{MoneyOptions, money_report};
use kol_attribution::{
    Baseline, CampaignInputs, Comparison, Intervals, Levels, Model, ProblemCode, ReportOptions, campaign_report,
};
use rust_decimal::Decimal;

fn inputs() -> CampaignInputs {
    CampaignInputs {
        creators: "kol_id,tier,flat_fee,commission_rate\nA,mega,5000,10%\nB,KOC,,10%\n".into(),
        touchpoints: "journey_id,kol_id,timestamp,touch_type,来源,笔记ID\n\
                      u1,A,2025-04-01 10:00,view,,a1\nu1,,2025-04-02 10:00,click,聚光搜索,\n\
                      u2,,2025-04-03 10:00,view,organic_search,\nu2,B,2025-04-04 10:00,save,达人,\n\
                      u3,A,2025-04-05 10:00,view,,a2\n"
            .into(),
        orders: "order_id,journey_id,timestamp,value\n\
                 o1,u1,2025-04-02 12:00,100\no2,u2,2025-04-04 12:00,60\no3,u3,2025-04-05 12:00,40\n"
            .into(),
        notes: "笔记ID,达人ID,发布时间,笔记类型,报价,加热费用\na1,A,2025-03-20,video,3000,500\na2,A,2025-03-25,image,1000,\n"
            .into(),
        spend: "source,date,spend\njuguang_search,2025-04-01,800\n聚光搜索,2025-04-02,400\n".into(),
    }
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn value(comparison: &Comparison, model: Model, channel: &str) -> Decimal {
    let found = comparison.credits.iter().find(|c| c.model == model && c.channel == channel);
    found.unwrap_or_else(|| panic!("no {channel} under {model:?} in {:?}", comparison.channels)).value
}

fn report() -> kol_attribution::CampaignReport {
    let options = ReportOptions {
        models: vec![Model::LastTouch, Model::FirstTouch],
        windows: vec![30],
        level: Levels::All,
        intervals: Intervals { resamples: 0 },
        ..ReportOptions::default()
    };
    campaign_report(&inputs(), &options).unwrap()
}

#[test]
fn every_level_by_hand() {
    let report = report();
    let window = &report.windows[0];
    let creators = window.creators.as_ref().unwrap();
    assert_eq!(creators.channels, ["A", "B", "juguang_search", "organic_search"]);
    assert_eq!((report.summary.creators, report.summary.sources), (2, 2), "the ad and the search are no creators");
    assert_eq!(value(creators, Model::LastTouch, "juguang_search"), d("100"));
    assert_eq!(value(creators, Model::LastTouch, "B"), d("60"));
    assert_eq!(value(creators, Model::FirstTouch, "organic_search"), d("60"));
    let tiers = window.tiers.as_ref().unwrap();
    assert_eq!(tiers.channels, ["mega", "mid-tier", "micro", "KOC", "paid", "organic"]);
    assert_eq!(
        ["mega", "KOC", "paid", "organic"].map(|t| value(tiers, Model::LastTouch, t)),
        [d("40"), d("60"), d("100"), d("0")]
    );
    let groups = window.groups.as_ref().unwrap();
    assert_eq!(groups.channels, ["creators", "paid", "organic"]);
    assert_eq!(
        ["creators", "paid", "organic"].map(|g| value(groups, Model::LastTouch, g)),
        [d("100"), d("100"), d("0")]
    );
    assert_eq!(
        ["creators", "paid", "organic"].map(|g| value(groups, Model::FirstTouch, g)),
        [d("140"), d("0"), d("60")]
    );
    let notes = window.notes.as_ref().unwrap();
    assert_eq!(notes.channels, ["a1", "a2", "B (no note)", "juguang_search (no note)", "organic_search (no note)"]);
    assert_eq!(["a1", "a2"].map(|n| value(notes, Model::LastTouch, n)), [d("0"), d("40")]);
    assert_eq!(["a1", "a2"].map(|n| value(notes, Model::FirstTouch, n)), [d("100"), d("40")]);
    // Every level sums to the same total under every model.
    for level in [notes, creators, tiers, groups] {
        for model in [Model::LastTouch, Model::FirstTouch] {
            let sum: Decimal = level.credits.iter().filter(|c| c.model == model).map(|c| c.value).sum();
            assert_eq!(sum, d("200"), "{:?} {model:?}", level.channels);
        }
    }
    // The default baseline is last touch at 30 days: its own cells change by nothing.
    assert_eq!(notes.baseline, Baseline::default());
    assert!(notes.credits.iter().filter(|c| c.model == Model::LastTouch).all(|c| c.value_change.is_zero()));
    let first_a1 = notes.credits.iter().find(|c| c.model == Model::FirstTouch && c.channel == "a1").unwrap();
    assert_eq!(first_a1.value_change, d("100"), "first touch against last touch, note by note");
}

#[test]
fn ads_earn_no_commission_and_costs_come_from_notes_and_spend() {
    let options =
        MoneyOptions { basis: Baseline { model: Model::LastTouch, days: Some(30) }, ..MoneyOptions::default() };
    let money = money_report(&inputs(), &options).unwrap();
    assert!(money.ledger.iter().all(|line| line.kol_id != "juguang_search"), "an ad earns no commission");
    let cost = |id: &str| money.creators.iter().find(|c| c.kol_id == id).unwrap();
    assert_eq!(cost("A").flat_fee, d("4500.00"), "a1 3000 + 500 boost, a2 1000: the notes', not the roster's 5000");
    assert_eq!(cost("A").commission, d("4.00"));
    assert_eq!(cost("B").commission, d("6.00"));
    assert_eq!((cost("juguang_search").flat_fee, cost("juguang_search").commission), (d("1200.00"), d("0.00")));
    assert_eq!(cost("juguang_search").tier, "paid");
    let report = report();
    let replaced = report.warnings.iter().find(|w| w.message.contains("never both")).expect("the replaced fee is said");
    assert!(replaced.message.contains("5000") && replaced.message.contains("4500"), "{}", replaced.message);
}

#[test]
fn problems_name_file_line_column_and_value() {
    let mut bad = inputs();
    bad.touchpoints
        .push_str("u4,B,2025-04-06 10:00,view,,a1\nu5,,2025-04-06 10:00,view,wechat_ad,\nu6,,2025-04-06,view,,\n");
    let error = campaign_report(&bad, &ReportOptions::default()).unwrap_err();
    let problems = error.problems();
    let owner = problems.iter().find(|p| p.value.as_deref() == Some("a1")).expect("a1 is A's note");
    assert_eq!((owner.file.as_str(), owner.line, owner.column_name.as_deref()), ("touchpoints", 7, Some("笔记ID")));
    assert!(owner.message.contains("A's") && owner.message.contains("not B's"), "{}", owner.message);
    let empty = problems.iter().find(|p| p.line == 9).expect("no kol_id and no source");
    assert_eq!(empty.code, ProblemCode::EmptyCell);
    let unknown = problems.iter().find(|p| p.value.as_deref() == Some("wechat_ad")).expect("said, not dropped");
    assert!(unknown.message.contains("other group"), "{}", unknown.message);
    let mut bad_spend = inputs();
    bad_spend.spend = "source,spend\nA,100\njuguang_feed,lots\n".into();
    let problems = campaign_report(&bad_spend, &ReportOptions::default()).unwrap_err().problems().to_vec();
    let found: Vec<_> = problems.iter().map(|p| (p.file.as_str(), p.line, p.value.clone())).collect();
    assert!(found.contains(&("spend", 2, Some("A".into()))), "a creator's id is not a source: {found:?}");
    assert!(found.contains(&("spend", 3, Some("lots".into()))), "{found:?}");
}

#[test]
fn return_on_spend_per_note_and_group() {
    let options =
        MoneyOptions { basis: Baseline { model: Model::LastTouch, days: Some(30) }, ..MoneyOptions::default() };
    let money = money_report(&inputs(), &options).unwrap();
    let rows = kol_attribution::money::roi(&report(), &money);
    let row = |level: &str, model: Model, channel: &str| {
        rows.iter().find(|r| r.level == level && r.model == model && r.channel == channel).unwrap()
    };
    // A costs 4500 of notes + 4.00 commission. Last touch credits A 40, all on a2: a2 carries its
    // own 1000 and all of the rest (4.00); a1 its 3500 and none of it.
    assert_eq!(row("note", Model::LastTouch, "a1").cost, d("3500.00"));
    assert_eq!(row("note", Model::LastTouch, "a2").cost, d("1004.00"));
    assert_eq!(row("note", Model::LastTouch, "a2").paid_commission, d("4.00"));
    // First touch credits A 140: a1 100, a2 40 → the 4.00 split 100:40.
    assert_eq!(row("note", Model::FirstTouch, "a1").cost, d("3502.86"));
    assert_eq!(row("note", Model::FirstTouch, "a2").cost, d("1001.14"));
    let a = row("creator", Model::FirstTouch, "A");
    assert_eq!(a.cost, d("4504.00"), "the notes' rows sum to their creator's");
    // Groups: creators cost A 4504 + B 6; paid is the search ad's spend.
    assert_eq!(row("group", Model::LastTouch, "creators").cost, d("4510.00"));
    assert_eq!(row("group", Model::LastTouch, "paid").cost, d("1200.00"));
    assert_eq!(row("group", Model::LastTouch, "paid").net_value, d("100.00"));
}

/// The note level of the paths export, byte for byte. Touches: u1 saw A's notes a2 and a1 at one
/// instant (written a2 first: ties go by note id, so a1 first), clicked a search ad, then saved B's
/// post with no note id; u2 viewed B's b1 and bought with B's promo code, which adds B's code touch
/// (no note) at the order; u3 liked a1 and never bought.
fn note_paths_inputs() -> CampaignInputs {
    CampaignInputs {
        creators: "kol_id,tier,promo_code\nA,mega,\nB,KOC,BCODE\n".into(),
        touchpoints: "journey_id,kol_id,timestamp,touch_type,source,note_id\n\
                      u1,A,2025-04-01 10:00,view,,a2\nu1,A,2025-04-01 10:00,view,,a1\n\
                      u1,,2025-04-02 10:00,click,聚光搜索,\nu1,B,2025-04-03 10:00,save,,\n\
                      u2,B,2025-04-03 10:00,view,,b1\nu3,A,2025-04-05 10:00,like,,a1\n"
            .into(),
        orders: "order_id,journey_id,timestamp,value,refunded_amount,promo_code\n\
                 o1,u1,2025-04-03 12:00,100,,\no2,u2,2025-04-04 12:00,60,20,b code\n"
            .into(),
        ..CampaignInputs::default()
    }
}

#[test]
fn paths_at_the_note_level_by_hand() {
    use kol_attribution::{Level, PathsExport, campaign_paths_csv};
    let export = |days: u32, net: bool, events: bool| {
        let options = PathsExport { days, level: Level::Note, net, events, ..PathsExport::default() };
        campaign_paths_csv(&note_paths_inputs(), &options).unwrap()
    };
    assert_eq!(
        export(30, false, false),
        "path,total_conversions,total_conversion_value,total_null\n\
         a1,0,0.00,1\n\
         a1 > a2 > juguang_search (no note) > B (no note),1,100.00,0\n\
         b1 > B (no note),1,60.00,0\n"
    );
    // One day: o1 sees only B's save, o2 only its code touch (b1 is 26 hours old); net of o2's refund.
    assert_eq!(
        export(1, true, false),
        "path,total_conversions,total_conversion_value,total_null\nB (no note),2,140.00,0\na1,0,0.00,1\n"
    );
    // Touch types and ages (seconds before the order): the code touch is at the order's instant.
    assert!(
        export(30, true, true).ends_with("\nb1 > B (no note),1,40.00,0,view > promo_code,93600 > 0\n"),
        "{}",
        export(30, true, true)
    );
}

#[test]
fn a_note_id_holding_the_separator_is_refused_where_it_is_written() {
    use kol_attribution::{Level, PathsExport, campaign_paths_csv};
    let export = PathsExport { level: Level::Note, ..PathsExport::default() };
    let mut inputs = note_paths_inputs();
    inputs.touchpoints.push_str("u4,A,2025-04-05 10:00,view,,a1 > a3\n");
    let error = campaign_paths_csv(&inputs, &export).unwrap_err();
    let problem = &error.problems()[0];
    assert_eq!(
        (problem.file.as_str(), problem.line, problem.code, problem.value.as_deref()),
        ("touchpoints", 8, ProblemCode::SeparatorInName, Some("a1 > a3"))
    );
    inputs.notes = "note_id,kol_id\nb2,B\na1 > a3,A\n".into();
    let problem = &campaign_paths_csv(&inputs, &export).unwrap_err().problems()[0].clone();
    assert_eq!((problem.file.as_str(), problem.line), ("notes", 3));
    // At the creator level the same campaign writes: the note is not a channel there.
    assert!(campaign_paths_csv(&inputs, &PathsExport::default()).is_ok());
}

#[test]
fn auto_gives_every_level_only_where_there_are_notes_or_sources() {
    let with_level = |inputs: &CampaignInputs, level: Levels| {
        let options = ReportOptions {
            models: vec![Model::LastTouch],
            windows: vec![30],
            level,
            intervals: Intervals { resamples: 0 },
            ..ReportOptions::default()
        };
        campaign_report(inputs, &options).unwrap()
    };
    // This campaign names notes and an ad: auto is all four levels.
    assert_eq!(with_level(&inputs(), Levels::Auto), with_level(&inputs(), Levels::All));
    // Without notes, ads or search: creators and tiers, as before notes existed.
    let plain = CampaignInputs {
        creators: "kol_id,tier\nA,mega\nB,KOC\n".into(),
        touchpoints: "journey_id,kol_id,timestamp\nu1,A,2025-04-01 10:00\nu1,B,2025-04-02 10:00\n".into(),
        orders: "order_id,journey_id,timestamp,value\no1,u1,2025-04-03 10:00,100\n".into(),
        ..CampaignInputs::default()
    };
    let auto = with_level(&plain, Levels::Auto);
    assert_eq!(auto, with_level(&plain, Levels::Both));
    assert!(auto.windows[0].notes.is_none() && auto.windows[0].groups.is_none());
}

#[test]
fn the_markov_export_takes_the_note_level_too() {
    use kol_attribution::{
        Level, MarkovExport, PathsExport, PathsMarkov, campaign_markov, campaign_paths_csv, paths_markov,
    };
    let chain = campaign_markov(&note_paths_inputs(), &MarkovExport { level: Level::Note, ..MarkovExport::default() });
    let chain = chain.unwrap();
    let mut states: Vec<&str> = chain.removal_effects.iter().map(|r| r.channel.as_str()).collect();
    states.sort_unstable();
    assert_eq!(states, ["B (no note)", "a1", "a2", "b1", "juguang_search (no note)"]);
    // The chain of the note-level export read back as a paths file (two of three journeys convert).
    let export = PathsExport { level: Level::Note, ..PathsExport::default() };
    let file = paths_markov(&campaign_paths_csv(&note_paths_inputs(), &export).unwrap(), &PathsMarkov::default());
    assert_eq!(chain.conversion_probability, file.unwrap().conversion_probability);
    assert!((chain.conversion_probability - 2.0 / 3.0).abs() < 1e-12, "{}", chain.conversion_probability);
}
