//! Budget proposals computed by hand. Runs natively and in wasm.
//!
//! Two creators, each with a ¥100.00 flat fee and no commission: A (mega) and B (KOC). Orders:
//! u1 saw only A and paid 300; u2 saw only B and paid 100; u3 saw A, then B, and paid 100.
//! First touch credits mega 400 / KOC 100; last touch mega 300 / KOC 200.
//!
//! Hill curves with slope 1 and h = current spend = 100: `R(s) = a·s/(s+100)`, `a = 2·r₀`.
//! Equal marginal returns `a·h/(s+h)²` give `s_t + 100 ∝ √(a_t·100)`; with a budget of 200:
//! - first touch: √80000 : √20000 = 2 : 1, so `s + 100` = 266.67 / 133.33 → 166.67 / 33.33;
//!   expected 800·166.67/266.67 = 500.00 and 200·33.33/133.33 = 50.00: lift 50.00 (10%).
//!   Following the credit: 160 / 40, expected 800·160/260 = 492.31 and 200·40/140 = 57.14.
//! - last touch: √120000 : √80000, `s_A + 100` = 400·244.949/444.949 = 220.204 → 120.20 / 79.80.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use kol_attribution::CampaignInputs;
use kol_attribution::Intervals;
use kol_attribution::budget::{Bound, BudgetMethod, BudgetOptions, LimitHit, TierConstraint, budget_plan};
use kol_attribution::money::{Amount, MoneyOptions, money_report};
use kol_attribution::{Error, Model};
use kol_attribution::{ReportOptions, campaign_report};
use rust_decimal::Decimal;

fn inputs() -> CampaignInputs {
    CampaignInputs {
        creators: "kol_id,tier,flat_fee,commission_rate\nA,mega,100,0%\nB,KOC,100,0%\n".into(),
        touchpoints: "journey_id,kol_id,timestamp,touch_type\n\
                      u1,A,2025-04-01 10:00,view\nu2,B,2025-04-02 10:00,click\n\
                      u3,A,2025-04-03 10:00,view\nu3,B,2025-04-04 10:00,click\n"
            .into(),
        orders: "order_id,journey_id,timestamp,value\no1,u1,2025-04-05 10:00,300\no2,u2,2025-04-05 10:00,100\n\
                 o3,u3,2025-04-05 10:00,100\n"
            .into(),
        ..CampaignInputs::default()
    }
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn plan(options: &BudgetOptions) -> Result<kol_attribution::budget::BudgetReport, Error> {
    let report_options = ReportOptions {
        models: vec![Model::FirstTouch, Model::LastTouch],
        windows: vec![30],
        intervals: Intervals { resamples: 0 },
        ..ReportOptions::default()
    };
    let report = campaign_report(&inputs(), &report_options).unwrap();
    let money = money_report(&inputs(), &MoneyOptions::default()).unwrap();
    budget_plan(&report, &money, options)
}

/// (mega, KOC) proposed spends of one model and method.
fn spends(report: &kol_attribution::budget::BudgetReport, model: Model, method: BudgetMethod) -> (Decimal, Decimal) {
    let plan = report.plans.iter().find(|p| p.model == model && p.method == method).unwrap();
    assert_eq!(plan.tiers.iter().map(|t| t.tier.as_str()).collect::<Vec<_>>(), ["mega", "KOC"]);
    (plan.tiers[0].proposed_spend, plan.tiers[1].proposed_spend)
}

#[test]
fn proposals_by_hand() {
    let report = plan(&BudgetOptions::default()).unwrap();
    assert_eq!(report.budget, d("200.00"), "the budget defaults to what the tiers cost now");
    assert_eq!(report.plans.len(), 4, "two models × two methods");
    assert_eq!(spends(&report, Model::FirstTouch, BudgetMethod::MarginalReturn), (d("166.67"), d("33.33")));
    assert_eq!(spends(&report, Model::FirstTouch, BudgetMethod::FollowCredit), (d("160.00"), d("40.00")));
    assert_eq!(spends(&report, Model::LastTouch, BudgetMethod::MarginalReturn), (d("120.20"), d("79.80")));
    assert_eq!(spends(&report, Model::LastTouch, BudgetMethod::FollowCredit), (d("120.00"), d("80.00")));

    let first =
        report.plans.iter().find(|p| p.model == Model::FirstTouch && p.method == BudgetMethod::MarginalReturn).unwrap();
    assert_eq!(first.tiers[0].current_return, d("400.00"));
    assert_eq!(first.tiers[0].expected_return, d("500.00"));
    assert_eq!(first.tiers[1].expected_return, d("50.00"));
    assert_eq!(first.tiers[0].change, d("66.67"));
    assert_eq!((first.current_return, first.expected_return, first.lift), (d("500.00"), d("550.00"), d("50.00")));
    assert!((first.lift_percent.unwrap() - 10.0).abs() < 1e-9);
    // Equal marginal returns at the proposal: a·h/(s+h)² = 800·100/266.67² = 1.125.
    for tier in &first.tiers {
        assert!((tier.marginal_return.unwrap() - 1.125).abs() < 1e-3, "{tier:?}");
    }
    let follow =
        report.plans.iter().find(|p| p.model == Model::FirstTouch && p.method == BudgetMethod::FollowCredit).unwrap();
    assert_eq!((follow.tiers[0].expected_return, follow.tiers[1].expected_return), (d("492.31"), d("57.14")));
    assert_eq!(follow.lift, d("49.45"));

    let mega =
        report.disagreements.iter().find(|x| x.method == BudgetMethod::MarginalReturn && x.tier == "mega").unwrap();
    assert_eq!(
        (mega.lowest_model, mega.lowest, mega.highest_model, mega.highest),
        (Model::LastTouch, d("120.20"), Model::FirstTouch, d("166.67"))
    );
    assert_eq!(mega.spread, d("46.47"));
}

#[test]
fn limits_decide_where_they_bind() {
    let cap = BudgetOptions {
        constraints: vec![TierConstraint {
            tier: Some("mega".into()),
            max: Some(Bound::Times(d("1.5"))),
            ..TierConstraint::default()
        }],
        ..BudgetOptions::default()
    };
    let report = plan(&cap).unwrap();
    assert_eq!(spends(&report, Model::FirstTouch, BudgetMethod::MarginalReturn), (d("150.00"), d("50.00")));
    let first =
        report.plans.iter().find(|p| p.model == Model::FirstTouch && p.method == BudgetMethod::MarginalReturn).unwrap();
    assert_eq!(first.tiers[0].limit, Some(LimitHit::Maximum));

    let locked = BudgetOptions {
        budget: Some(Amount(d("300"))),
        constraints: vec![TierConstraint { tier: Some("mega".into()), locked: true, ..TierConstraint::default() }],
        ..BudgetOptions::default()
    };
    let report = plan(&locked).unwrap();
    for method in [BudgetMethod::FollowCredit, BudgetMethod::MarginalReturn] {
        assert_eq!(spends(&report, Model::LastTouch, method), (d("100.00"), d("200.00")));
    }
}

#[test]
fn impossible_limits_are_named() {
    let message = |options: BudgetOptions| plan(&options).unwrap_err().to_string();
    let floor = |tier: &str, amount: &str| TierConstraint {
        tier: Some(tier.into()),
        min: Some(Bound::Amount(d(amount))),
        ..TierConstraint::default()
    };
    let too_low = message(BudgetOptions {
        constraints: vec![floor("mega", "150"), floor("KOC", "80")],
        ..BudgetOptions::default()
    });
    assert!(
        too_low.contains("minimums add up to ¥230.00 (mega ¥150.00, KOC ¥80.00), more than the budget"),
        "{too_low}"
    );
    let capped = BudgetOptions {
        constraints: vec![TierConstraint { max: Some(Bound::Times(d("0.5"))), ..TierConstraint::default() }],
        ..BudgetOptions::default()
    };
    assert!(message(capped).contains("maximums add up to ¥100.00 (mega ¥50.00, KOC ¥50.00), less than the budget"));
    let unknown = message(BudgetOptions { constraints: vec![floor("celebrity", "1")], ..BudgetOptions::default() });
    assert!(unknown.contains("constraints[0].tier") && unknown.contains("its tiers are mega, KOC"), "{unknown}");
    let crossed = TierConstraint { max: Some(Bound::Amount(d("10"))), ..floor("KOC", "20") };
    assert!(
        message(BudgetOptions { constraints: vec![crossed], ..BudgetOptions::default() })
            .contains("KOC's minimum ¥20.00 is above its maximum ¥10.00")
    );
    assert!(message(BudgetOptions { slope: 2.0, ..BudgetOptions::default() }).contains("S-shaped"));
}
