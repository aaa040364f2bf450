//! A commission ledger computed by hand. Runs natively and in wasm.
//!
//! Platform basis (last click within 72 hours), holding 15 days, as of 2025-05-31:
//! - o1 A 10% × 100.00 = 10.00, payable 15 days after its confirmation (04-05) → 04-20.
//! - o2 B (skincare, 20%) × 200.00 = 40.00, fully returned 04-10, inside the holding period → cancelled.
//! - o3 B 20% × 99.99 = 19.998 → 20.00 payable 04-20; 33.33 returned 04-30, after it: on the net
//!   66.66 the commission is 13.332 → 13.33, so 6.67 is clawed back on 04-30.
//! - o4 B 20% × 33.33 = 6.666 → 6.67, payable 04-22. o5 C at 0% → 0.00, payable 04-23.
#![allow(clippy::float_cmp, reason = "shares are exactly 1 or 0.5")]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use kol_attribution::CampaignInputs;
use kol_attribution::Model;
use kol_attribution::money::{Amount, BonusRule, LineKind, LineStatus, MoneyOptions, Rate, money_report};
use rust_decimal::Decimal;

fn inputs() -> CampaignInputs {
    CampaignInputs {
        creators: "kol_id,tier,category,flat_fee,commission_rate,note_fee,notes\n\
                   A,mega,beauty,5000,10%,,\nB,KOC,skincare,,,,\nC,micro,,,0%,,\nD,mid-tier,,,,1500,3\n"
            .into(),
        touchpoints: "journey_id,kol_id,timestamp,touch_type\n\
                      u1,A,2025-04-01 10:00,click\nu2,B,2025-04-03 10:00,promo_code\nu3,B,2025-04-05 10:00,click\n\
                      u4,A,2025-04-06 10:00,view\nu4,B,2025-04-07 10:00,click\nu5,C,2025-04-08 10:00,qr_scan\n"
            .into(),
        orders: "order_id,journey_id,timestamp,value,refunded_amount,confirmed_at,refunded_at\n\
                 o1,u1,2025-04-02 10:00,100.00,,2025-04-05 10:00,\n\
                 o2,u2,2025-04-03 12:00,200.00,200.00,,2025-04-10 09:00\n\
                 o3,u3,2025-04-05 12:00,99.99,33.33,,2025-04-30 15:00\n\
                 o4,u4,2025-04-07 12:00,33.33,,,\n\
                 o5,u5,2025-04-08 12:00,50.00,,,\n"
            .into(),
        ..CampaignInputs::default()
    }
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// 2025-05-31 00:00 China time.
const MAY_31: i64 = 1_748_620_800;

fn options(threshold: &str) -> MoneyOptions {
    let mut options = MoneyOptions { as_of: Some(MAY_31), ..MoneyOptions::default() };
    options.category_rates.insert("skincare".into(), Rate(d("0.2")));
    options.bonuses.push(BonusRule {
        tier: Some("mega".into()),
        threshold: Amount(d(threshold)),
        amount: Amount(d("500")),
    });
    options
}

#[test]
fn the_ledger_by_hand() {
    let report = money_report(&inputs(), &options("100.00")).unwrap();
    let lines: Vec<_> = report
        .ledger
        .iter()
        .map(|l| (l.date.as_str(), l.order_id.as_str(), l.kol_id.as_str(), l.kind, l.status, l.amount.to_string()))
        .collect();
    assert_eq!(
        lines,
        [
            ("2025-04-18", "o2", "B", LineKind::Commission, LineStatus::Cancelled, "0.00".into()),
            ("2025-04-20", "o1", "A", LineKind::Commission, LineStatus::Payable, "10.00".into()),
            ("2025-04-20", "o3", "B", LineKind::Commission, LineStatus::Payable, "20.00".into()),
            ("2025-04-22", "o4", "B", LineKind::Commission, LineStatus::Payable, "6.67".into()),
            ("2025-04-23", "o5", "C", LineKind::Commission, LineStatus::Payable, "0.00".into()),
            ("2025-04-30", "o3", "B", LineKind::Clawback, LineStatus::ClawedBack, "-6.67".into()),
        ]
    );
    assert_eq!(report.ledger[0].gross_amount, d("40.00"), "what o2 would have paid");
    assert_eq!(report.as_of, "2025-05-31");
    let calendar: Vec<_> =
        report.calendar.iter().map(|w| (w.week.as_str(), w.kol_id.as_str(), w.amount.to_string())).collect();
    assert_eq!(
        calendar,
        [
            ("2025-04-14", "A", "10.00".into()),
            ("2025-04-14", "B", "20.00".into()),
            ("2025-04-21", "B", "6.67".into()),
            ("2025-04-21", "C", "0.00".into()),
            ("2025-04-28", "B", "-6.67".into()),
        ]
    );
}

#[test]
fn costs_bonus_and_totals_by_hand() {
    let report = money_report(&inputs(), &options("100.00")).unwrap();
    let costs: Vec<_> = report
        .creators
        .iter()
        .map(|c| {
            (
                c.kol_id.as_str(),
                c.flat_fee.to_string(),
                c.commission.to_string(),
                c.bonus.to_string(),
                c.total.to_string(),
            )
        })
        .collect();
    assert_eq!(
        costs,
        [
            ("A", "5000.00".into(), "10.00".into(), "500.00".into(), "5510.00".into()),
            ("B", "0.00".into(), "20.00".into(), "0.00".into(), "20.00".into()),
            ("C", "0.00".into(), "0.00".into(), "0.00".into(), "0.00".into()),
            // 1500 per note × 3 notes.
            ("D", "4500.00".into(), "0.00".into(), "0.00".into(), "4500.00".into()),
        ]
    );
    assert_eq!(report.creators[1].attributed_net_value, d("99.99"), "0 + 66.66 + 33.33");
    let t = &report.totals;
    assert_eq!(
        [t.commission, t.payable, t.pending, t.clawed_back].map(|a| a.to_string()),
        ["30.00", "36.67", "0.00", "-6.67"]
    );
    assert_eq!((t.flat_fees, t.bonuses, t.creator_costs), (d("9500"), d("500"), d("10030.00")));
    // 5% of 483.32 is 24.166.
    assert_eq!(t.platform_fee, d("24.17"));
    // The ledger's total is the sum of its lines, and the calendar's.
    assert_eq!(report.ledger.iter().map(|l| l.amount).sum::<Decimal>(), t.commission);
    assert_eq!(report.calendar.iter().map(|w| w.amount).sum::<Decimal>(), t.commission);
}

#[test]
fn the_platform_fee_follows_the_order_category() {
    let mut with_category = inputs();
    with_category.orders = with_category
        .orders
        .replace("refunded_at\n", "refunded_at,category\n")
        .replace("o4,u4,2025-04-07 12:00,33.33,,,\n", "o4,u4,2025-04-07 12:00,33.33,,,,electronics\n");
    let mut options = options("100.00");
    options.platform_fee_rates.insert("electronics".into(), Rate(d("0.02")));
    // 5% of 450.00 (the other orders) + 2% of 33.33 = 22.50 + 0.6666 = 23.1666 → 23.17.
    assert_eq!(money_report(&with_category, &options).unwrap().totals.platform_fee.to_string(), "23.17");
}

#[test]
fn a_bonus_threshold_missed_by_one_fen_pays_nothing() {
    let report = money_report(&inputs(), &options("100.01")).unwrap();
    assert_eq!(report.creators[0].bonus, Decimal::ZERO);
    assert_eq!(report.totals.bonuses, Decimal::ZERO);
}

#[test]
fn a_split_order_splits_its_commission_by_largest_remainder() {
    // Linear: o4 is half A's view, half B's click. 10% × 16.665 = 1.6665 and 20% × 16.665 = 3.333
    // make 4.9995, rounded half-up to 5.00; cut to 1.66 + 3.33, the missing fen goes to A.
    let mut options = options("100.00");
    options.basis.model = Model::Linear;
    let report = money_report(&inputs(), &options).unwrap();
    let o4: Vec<_> = report
        .ledger
        .iter()
        .filter(|l| l.order_id == "o4")
        .map(|l| (l.kol_id.as_str(), l.share, l.amount.to_string()))
        .collect();
    assert_eq!(o4, [("A", 0.5, "1.67".into()), ("B", 0.5, "3.33".into())]);
}

#[test]
fn lines_are_pending_until_the_holding_period_ends() {
    let mut options = options("100.00");
    options.as_of = Some(MAY_31 - 40 * 86_400); // 2025-04-21
    let report = money_report(&inputs(), &options).unwrap();
    let status = |order: &str| report.ledger.iter().find(|l| l.order_id == order).unwrap().status;
    assert_eq!((status("o1"), status("o4")), (LineStatus::Payable, LineStatus::Pending));
    assert_eq!(report.totals.pending, d("6.67"));
}

#[test]
fn bad_money_options_are_named() {
    let mut options = options("100.00");
    options.holding_days = 91;
    assert!(money_report(&inputs(), &options).unwrap_err().to_string().contains("holdingDays"));
    let mut options = self::options("100.00");
    options.bonuses[0].tier = Some("giga".into());
    assert!(money_report(&inputs(), &options).unwrap_err().to_string().contains("no such tier"));
}

#[test]
fn return_on_spend_and_the_pay_gap_by_hand() {
    use kol_attribution::money::roi;
    use kol_attribution::{ReportOptions, campaign_report};
    let report = campaign_report(
        &inputs(),
        &ReportOptions {
            models: vec![Model::PlatformLastClick, Model::Linear],
            windows: vec![30],
            ..ReportOptions::default()
        },
    )
    .unwrap();
    let money = money_report(&inputs(), &options("100.00")).unwrap();
    let rows = roi(&report, &money);
    let find = |level: &str, model: Model, channel: &str| {
        let r = rows.iter().find(|r| r.level == level && r.model == model && r.channel == channel).unwrap();
        (
            r.cost.to_string(),
            r.net_value.to_string(),
            r.paid_commission.to_string(),
            r.earned_commission.to_string(),
            r.pay_gap.to_string(),
        )
    };
    let strings = |v: [&str; 5]| v.map(str::to_owned).into();
    // The platform pays A for o1 (100.00) and B for o3 and o4 (66.66 + 33.33 net): paid as earned.
    assert_eq!(
        find("creator", Model::PlatformLastClick, "A"),
        strings(["5510.00", "100.00", "10.00", "10.00", "0.00"])
    );
    assert_eq!(find("creator", Model::PlatformLastClick, "B"), strings(["20.00", "99.99", "20.00", "20.00", "0.00"]));
    // Linear halves o4 (33.33 net): A 116.665 and B 83.325 raw, the tied fen going to A by name.
    // A earned 10% × 116.67 = 11.67 but was paid 10.00; B earned 20% × 83.32 = 16.66, paid 20.00.
    assert_eq!(find("creator", Model::Linear, "A"), strings(["5510.00", "116.67", "10.00", "11.67", "-1.67"]));
    assert_eq!(find("creator", Model::Linear, "B"), strings(["20.00", "83.32", "20.00", "16.66", "3.34"]));
    assert_eq!(find("tier", Model::Linear, "KOC"), strings(["20.00", "83.32", "20.00", "16.66", "3.34"]));
    assert_eq!(find("tier", Model::Linear, "mid-tier"), strings(["4500.00", "0.00", "0.00", "0.00", "0.00"]));
    let b =
        rows.iter().find(|r| r.level == "creator" && r.model == Model::PlatformLastClick && r.channel == "B").unwrap();
    assert!((b.roas.unwrap() - 99.99 / 20.0).abs() < 1e-12);
    // B's 20.00 over its 3 platform-attributed orders (o2 counts: it was bought, then returned).
    assert_eq!(b.cost_per_order.unwrap().to_string(), "6.67");
    let c =
        rows.iter().find(|r| r.level == "creator" && r.model == Model::PlatformLastClick && r.channel == "C").unwrap();
    assert_eq!(c.roas, None, "C costs nothing");
}
