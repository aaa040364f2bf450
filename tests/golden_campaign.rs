//! Golden tests for campaign import over hand-made files: a GBK roster with Chinese headers, a
//! tab-separated touch log pasted from Excel with every timestamp format, semicolon-separated
//! orders, and broken files with every kind of error. Every expected number is computed by hand.
//! They run natively and in wasm.
#![allow(clippy::float_cmp, reason = "expected values are exactly representable")]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use kol_attribution::Level;
use kol_attribution::{CampaignInputs, CampaignOptions, SalesChannel, read_campaign};
use kol_attribution::{Comparison, Error, Model, ProblemCode};
use kol_attribution::{PathsExport, ReportOptions, WindowReport, campaign_paths_csv, campaign_report};
use kol_attribution::{TextEncoding, decode};
use rust_decimal::Decimal;

fn text(bytes: &[u8], file: &str, encoding: TextEncoding) -> String {
    let (text, found) = decode(bytes, file).unwrap();
    assert_eq!(found, encoding, "{file}");
    text
}

fn inputs() -> CampaignInputs {
    CampaignInputs {
        creators: text(include_bytes!("fixtures/campaign/creators_gbk.csv"), "creators", TextEncoding::Gb18030),
        touchpoints: text(include_bytes!("fixtures/campaign/touchpoints_excel.tsv"), "touchpoints", TextEncoding::Utf8),
        orders: text(include_bytes!("fixtures/campaign/orders_semicolon.csv"), "orders", TextEncoding::Utf8),
        ..CampaignInputs::default()
    }
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn every_format_is_read() {
    let campaign = read_campaign(&inputs(), &CampaignOptions::default()).unwrap();
    let tiers = &campaign.tiers;
    let creators = campaign.roster.creators();
    let summary: Vec<_> = creators.iter().map(|c| (c.id.as_str(), c.handle.as_str(), tiers.name(c.tier))).collect();
    assert_eq!(
        summary,
        [
            ("k_mega", "Star, Official", "mega"),
            ("k_mid", "Mid\nTier", "mid-tier"),
            ("k_micro", "小美", "micro"),
            ("k_koc", "阿紫", "KOC"),
            ("k_ghost", "k_ghost", "unknown"),
        ]
    );
    assert_eq!(creators[0].followers, Some(1_200_000));
    assert_eq!(creators[0].flat_fee, Some(d("50000.00")));
    assert_eq!(creators[0].commission_rate, Some(d("0.05")));
    assert_eq!(creators[0].extra, ["MCN-A"]);
    assert_eq!(creators[3].commission_rate, Some(d("0.2")));
    assert_eq!(campaign.roster.extra_columns(), ["所属机构"]);

    // u2's touches were given as Unix seconds and milliseconds.
    let u2: Vec<i64> = (0..campaign.touches.len())
        .filter(|&i| campaign.journeys.id(campaign.touches.journey[i]) == "u2")
        .map(|i| campaign.touches.at[i])
        .collect();
    assert_eq!(u2, [1_744_164_000, 1_744_250_400]);
    let orders = &campaign.orders;
    assert_eq!(orders.id, ["o1", "o2", "o3"]);
    assert_eq!((orders.gross[0], orders.net(0)), (d("300.00"), d("200.00")));
    assert_eq!(orders.gross[1], d("1000.00"));
    assert_eq!(orders.channel, [SalesChannel::Tmall, SalesChannel::XhsShop, SalesChannel::Jd]);

    // The rows' warnings; the unused roster column has its own (below).
    let rows = campaign.warnings.iter().filter(|w| w.code != ProblemCode::UnusedColumn);
    let warnings: Vec<_> = rows.map(|w| (w.file.as_str(), w.line, w.code)).collect();
    assert_eq!(
        warnings,
        [
            ("touchpoints", 8, ProblemCode::UnknownCreator),
            ("touchpoints", 8, ProblemCode::UnknownTouchType),
            ("orders", 4, ProblemCode::OrderWithoutTouches),
        ]
    );
    // 所属机构 (the agency) is kept with each creator but used for nothing: said, not dropped silently.
    let unused: Vec<_> = campaign.warnings.iter().filter(|w| w.code == ProblemCode::UnusedColumn).collect();
    assert_eq!(unused.len(), 1);
    assert_eq!((unused[0].file.as_str(), unused[0].line), ("creators", 1));
    assert!(unused[0].message.starts_with("not used: \"所属机构\""), "{}", unused[0].message);
}

fn window(days: u32) -> WindowReport {
    let options = ReportOptions { windows: vec![7, 90], ..ReportOptions::default() };
    let report = campaign_report(&inputs(), &options).unwrap();
    report.windows.into_iter().find(|w| w.days == days).unwrap()
}

/// `(conversions, value, net value)` of `channel` under `model`.
fn credit(comparison: &Comparison, model: Model, channel: &str) -> (f64, String, String) {
    let c = comparison.credits.iter().find(|c| c.model == model && c.channel == channel).unwrap();
    (c.conversions, c.value.to_string(), c.net_value.to_string())
}

#[test]
fn seven_days_sees_only_the_closers() {
    // o1 (300, net 200): only the KOC click a day before is inside 7 days.
    // o2 (1000): micro 2 days before, KOC 1 day before.
    let tiers = window(7).tiers.unwrap();
    assert_eq!(tiers.channels, ["mega", "mid-tier", "micro", "KOC", "unknown"]);
    assert_eq!(credit(&tiers, Model::FirstTouch, "KOC"), (1.0, "300.00".into(), "200.00".into()));
    assert_eq!(credit(&tiers, Model::FirstTouch, "micro"), (1.0, "1000.00".into(), "1000.00".into()));
    assert_eq!(credit(&tiers, Model::LastTouch, "KOC"), (2.0, "1300.00".into(), "1200.00".into()));
    assert_eq!(credit(&tiers, Model::Linear, "KOC"), (1.5, "800.00".into(), "700.00".into()));
    assert_eq!(credit(&tiers, Model::Linear, "micro"), (0.5, "500.00".into(), "500.00".into()));
    assert_eq!(credit(&tiers, Model::Linear, "mega"), (0.0, "0.00".into(), "0.00".into()));
}

#[test]
fn ninety_days_credits_the_awareness_creators_too() {
    // o1 now has mega (40 days before), mid-tier (10 days) and KOC (1 day): a third each.
    let tiers = window(90).tiers.unwrap();
    assert_eq!(credit(&tiers, Model::FirstTouch, "mega"), (1.0, "300.00".into(), "200.00".into()));
    assert_eq!(credit(&tiers, Model::FirstTouch, "KOC"), (0.0, "0.00".into(), "0.00".into()));
    assert_eq!(credit(&tiers, Model::LastTouch, "KOC"), (2.0, "1300.00".into(), "1200.00".into()));
    let third = 1.0 / 3.0;
    // Net 200 in thirds is 66.666… each for k_mega, k_mid and k_koc: the two fen left go to the
    // equal remainders first in name order, k_koc and k_mega; tiers add up their creators.
    assert_eq!(credit(&tiers, Model::Linear, "mega").1, "100.00");
    assert_eq!(credit(&tiers, Model::Linear, "mega").2, "66.67");
    assert_eq!(credit(&tiers, Model::Linear, "mid-tier").2, "66.66");
    assert_eq!(credit(&tiers, Model::Linear, "KOC").1, "600.00");
    assert_eq!(credit(&tiers, Model::Linear, "KOC").2, "566.67");
    assert!((credit(&tiers, Model::Linear, "KOC").0 - (third + 0.5)).abs() < 1e-12);
    assert_eq!(credit(&tiers, Model::Linear, "micro"), (0.5, "500.00".into(), "500.00".into()));
    // At creator level the same split names the creators.
    let creators = window(90).creators.unwrap();
    assert_eq!(credit(&creators, Model::FirstTouch, "k_mega"), (1.0, "300.00".into(), "200.00".into()));
}

#[test]
fn every_order_is_credited_or_reported_unattributed() {
    for days in [7, 90] {
        let w = window(days);
        for comparison in [w.creators.unwrap(), w.tiers.unwrap()] {
            assert_eq!(comparison.totals.value, d("1350.00"), "totals cover every order");
            assert_eq!(comparison.totals.net_value, d("1250.00"));
            // u3 never bought: one non-converting path.
            assert_eq!(comparison.totals.nulls, 1.0);
            for (m, lost) in comparison.unattributed.iter().enumerate() {
                let credits = &comparison.credits[m * comparison.channels.len()..(m + 1) * comparison.channels.len()];
                let value: Decimal = credits.iter().map(|c| c.value).sum();
                let net: Decimal = credits.iter().map(|c| c.net_value).sum();
                // Credits, what would have happened anyway (only `incremental` has it) and what no
                // one gets make the totals.
                let organic = comparison.organic.iter().find(|o| o.model == lost.model);
                let (organic, organic_net) = organic.map_or((Decimal::ZERO, Decimal::ZERO), |o| (o.value, o.net_value));
                assert_eq!(value + organic + lost.value, comparison.totals.value, "{:?} {days}", lost.model);
                assert_eq!(net + organic_net + lost.net_value, comparison.totals.net_value, "{:?} {days}", lost.model);
                // o3's user has no touch at all; the other two orders each have a click within 72 hours.
                assert_eq!(lost.value.to_string(), "50.00", "{:?} {days}", lost.model);
            }
        }
    }
}

#[test]
fn the_platform_pays_the_promo_code_and_the_baseline_is_last_touch_at_30_days() {
    // o2's KOC promo code was 23 hours before the order; o1's KOC click was 24 hours before.
    // Both are inside 72 hours, so the platform pays the KOC for both orders.
    let tiers = window(7).tiers.unwrap();
    assert_eq!(credit(&tiers, Model::PlatformLastClick, "KOC").1, "1300.00");
    let platform = tiers.unattributed.iter().find(|u| u.model == Model::PlatformLastClick).unwrap();
    assert_eq!(platform.value.to_string(), "50.00");
    // Against last touch at 30 days (KOC 1300.00): first touch at 90 days moves 1300 away from KOC.
    let tiers = window(90).tiers.unwrap();
    let first_koc = tiers.credits.iter().find(|c| c.model == Model::FirstTouch && c.channel == "KOC").unwrap();
    assert_eq!(first_koc.value_change.to_string(), "-1300.00");
    assert_eq!(first_koc.value_change_percent, Some(-100.0));
    let first_mega = tiers.credits.iter().find(|c| c.model == Model::FirstTouch && c.channel == "mega").unwrap();
    assert_eq!((first_mega.value_change.to_string(), first_mega.value_change_percent), ("300.00".into(), None));
    assert_eq!(tiers.baseline, kol_attribution::Baseline { model: Model::LastTouch, days: Some(30) });
}

#[test]
fn paths_export_is_channel_attribution_input() {
    let export = PathsExport { days: 90, level: Level::Tier, ..PathsExport::default() };
    assert_eq!(
        campaign_paths_csv(&inputs(), &export).unwrap(),
        "path,total_conversions,total_conversion_value,total_null\n\
         mega > mid-tier > KOC,1,200.00,0\n\
         mega > unknown,0,0.00,1\n\
         micro > KOC,1,1000.00,0\n"
    );
    let week = PathsExport { days: 7, net: false, ..PathsExport::default() };
    assert_eq!(
        campaign_paths_csv(&inputs(), &week).unwrap(),
        "path,total_conversions,total_conversion_value,total_null\n\
         k_koc,1,300.00,0\n\
         k_mega > k_ghost,0,0.00,1\n\
         k_micro > k_koc,1,1000.00,0\n"
    );
}

#[test]
fn every_problem_in_every_file_is_reported_at_once() {
    let broken = CampaignInputs {
        creators: include_str!("fixtures/campaign/creators_broken.csv").into(),
        touchpoints: include_str!("fixtures/campaign/touchpoints_broken.csv").into(),
        orders: include_str!("fixtures/campaign/orders_broken.csv").into(),
        ..CampaignInputs::default()
    };
    let Err(Error::Input(problems)) = read_campaign(&broken, &CampaignOptions::default()) else {
        panic!("expected input problems");
    };
    let found: Vec<_> =
        problems.iter().map(|p| (p.file.as_str(), p.line, p.column, p.value.as_deref(), p.code)).collect();
    assert_eq!(
        found,
        [
            ("creators", 2, Some(3), Some("giant"), ProblemCode::UnknownValue),
            ("creators", 3, Some(4), Some(""), ProblemCode::EmptyCell),
            ("creators", 4, Some(4), Some("lots"), ProblemCode::NotANumber),
            ("creators", 4, Some(5), Some("10"), ProblemCode::InvalidRate),
            ("creators", 5, Some(5), Some("150%"), ProblemCode::InvalidRate),
            ("creators", 6, Some(1), Some("k4"), ProblemCode::DuplicateId),
            ("creators", 7, Some(1), Some(""), ProblemCode::EmptyCell),
            ("touchpoints", 2, Some(3), Some("2025-13-01 10:00"), ProblemCode::NotATimestamp),
            ("touchpoints", 3, Some(2), Some(""), ProblemCode::EmptyCell),
            ("touchpoints", 4, Some(3), Some("yesterday"), ProblemCode::NotATimestamp),
            ("orders", 3, Some(3), Some("someday"), ProblemCode::NotATimestamp),
            ("orders", 4, Some(4), Some("-5"), ProblemCode::Negative),
            ("orders", 5, Some(5), Some("150"), ProblemCode::RefundExceedsValue),
            ("orders", 6, Some(1), Some("o1"), ProblemCode::DuplicateId),
            ("orders", 7, Some(4), Some("1 299,00"), ProblemCode::AmbiguousAmount),
            ("orders", 8, Some(6), Some("maybe"), ProblemCode::UnknownValue),
            // Warnings come after errors: every roster row for k4 failed, so its touches are unknown.
            ("touchpoints", 5, None, Some("k4"), ProblemCode::UnknownCreator),
        ]
    );
    assert_eq!(
        problems[13].to_string(),
        r#"orders line 6, column 1 (order_id), value "o1": this order id is already on line 2"#
    );
}

#[test]
fn a_missing_column_is_named_and_columns_can_be_mapped() {
    let mut inputs = inputs();
    inputs.orders = "Order No.,Buyer,When,Paid\nA1,u1,2025-04-10 10:00,99\n".into();
    let error = read_campaign(&inputs, &CampaignOptions::default()).unwrap_err();
    let missing: Vec<_> = error.problems().iter().filter(|p| p.code == ProblemCode::MissingColumn).collect();
    assert_eq!(missing.len(), 4, "order_id, journey_id, timestamp and value");
    assert!(missing[3].message.contains("\"value\" (or one of: value, amount"), "{}", missing[3].message);
    let mut options = CampaignOptions::default();
    for (field, header) in
        [("order_id", "Order No."), ("journey_id", "Buyer"), ("timestamp", "When"), ("value", "Paid")]
    {
        options.columns.orders.insert(field.into(), header.into());
    }
    let campaign = read_campaign(&inputs, &options).unwrap();
    assert_eq!(campaign.orders.id, ["A1"]);
    assert_eq!(campaign.orders.gross, [d("99")]);
}

#[test]
fn json_inputs_give_the_same_report() {
    let mut json = inputs();
    json.orders = r#"[
        {"订单号": "o1", "用户ID": "u1", "下单时间": "2025-04-10 10:00", "金额": "¥300.00", "退款": 100, "渠道": "天猫"},
        {"订单号": "o2", "用户ID": "u2", "下单时间": "2025-04-11 09:00", "金额": 1000.00, "渠道": "小红书"},
        {"订单号": "o3", "用户ID": "u4", "下单时间": "2025-04-11", "金额": 50, "退款": null, "渠道": "jd"}
    ]"#
    .into();
    let options = ReportOptions { windows: vec![7, 90], ..ReportOptions::default() };
    let from_json = campaign_report(&json, &options).unwrap();
    let from_csv = campaign_report(&inputs(), &options).unwrap();
    assert_eq!(from_json.windows, from_csv.windows);
    json.orders = r#"[{"order_id": "o1", "journey_id": "u1", "timestamp": "2025-04-10", "value": "abc"}]"#.into();
    let error = read_campaign(&json, &CampaignOptions::default()).unwrap_err();
    let problem = error.problems().iter().find(|p| p.file == "orders").unwrap();
    assert_eq!(
        (problem.line, problem.column_name.as_deref(), problem.code),
        (2, Some("value"), ProblemCode::NotANumber)
    );
}
