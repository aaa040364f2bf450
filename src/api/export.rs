//! Results as CSV that is safe to open in a spreadsheet.

pub use crate::read::cell::spreadsheet_safe;

use crate::attribution::journey::CATEGORY_WINDOW;
use crate::attribution::markov::MarkovChain;
use crate::money::MoneyReport;
use crate::report::campaign::CampaignReport;
use rust_decimal::prelude::ToPrimitive;

use crate::report::comparison::{ChannelCredit, Comparison, ModelUnattributed};
use crate::report::paths::PathWindows;

const CREDIT_COLUMNS: [&str; 9] = [
    "model",
    "channel",
    "conversions",
    "conversion_share",
    "value",
    "value_share",
    "net_value",
    "value_change",
    "value_change_percent",
];

fn credit_cells(credit: &ChannelCredit) -> [String; 9] {
    [
        credit.model.name().to_owned(),
        credit.channel.clone(),
        credit.conversions.to_string(),
        credit.conversion_share.to_string(),
        credit.value.to_string(),
        credit.value_share.to_string(),
        credit.net_value.to_string(),
        credit.value_change.to_string(),
        credit.value_change_percent.map(|p| p.to_string()).unwrap_or_default(),
    ]
}

fn write_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = out.write_record(header);
    for row in rows {
        let _ = out.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The channel name of the row for what would have happened anyway (no creator id starts with
/// a parenthesis in a file the engine reads, and it is no formula).
pub const ORGANIC: &str = "(organic)";

/// A model's organic row in a comparison: the same columns as a channel's, changes left empty.
fn organic_cells(comparison: &Comparison, organic: &ModelUnattributed) -> [String; 9] {
    let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    let total = comparison.totals.value.to_f64().unwrap_or(0.0);
    [
        organic.model.name().to_owned(),
        ORGANIC.to_owned(),
        organic.conversions.to_string(),
        share(organic.conversions, comparison.totals.conversions).to_string(),
        organic.value.to_string(),
        share(organic.value.to_f64().unwrap_or(0.0), total).to_string(),
        organic.net_value.to_string(),
        String::new(),
        String::new(),
    ]
}

/// Every row of a comparison: each model's channels, then its organic row when it has one.
fn comparison_rows(comparison: &Comparison) -> impl Iterator<Item = ([String; 9], Option<[f64; 2]>)> + '_ {
    comparison.models.iter().enumerate().flat_map(move |(m, &model)| {
        let channels = comparison.channels.len();
        let credits =
            comparison.credits[m * channels..(m + 1) * channels].iter().map(|c| (credit_cells(c), c.interval));
        let organic =
            comparison.organic.iter().filter(move |o| o.model == model).map(|o| (organic_cells(comparison, o), None));
        credits.chain(organic)
    })
}

/// The comparison's credits, one row per model and channel, and each model's organic row.
pub fn credits_csv(comparison: &Comparison) -> String {
    write_csv(&CREDIT_COLUMNS, comparison_rows(comparison).map(|(cells, _)| cells.to_vec()))
}

/// A multi-window paths comparison's credits (the warehouse SQL's file), one row per window, model
/// and channel, the window first.
pub fn path_windows_csv(windows: &PathWindows) -> String {
    let header: Vec<&str> = std::iter::once("window_days").chain(CREDIT_COLUMNS).collect();
    let rows = windows.windows.iter().flat_map(|window| {
        let days = window.days.map(|d| d.to_string()).unwrap_or_default();
        comparison_rows(&window.comparison).map(move |(cells, _)| {
            let mut row = vec![days.clone()];
            row.extend(cells);
            row
        })
    });
    write_csv(&header, rows)
}

/// A Markov chain's removal effects, one row per channel.
pub fn removal_effects_csv(chain: &MarkovChain) -> String {
    let header = ["channel", "removal_effect_conversion", "removal_effect_value", "removal_effect_net_value"];
    let rows = chain
        .removal_effects
        .iter()
        .map(|e| vec![e.channel.clone(), e.conversion.to_string(), e.value.to_string(), e.net_value.to_string()]);
    write_csv(&header, rows)
}

/// A `window_days` cell: the days, or `category` for the window by category.
fn window_days(days: u32) -> String {
    if days == CATEGORY_WINDOW { "category".to_owned() } else { days.to_string() }
}

/// A campaign report's credits, one row per window, level, model and channel; level
/// `sales_channel` rows last.
pub fn report_csv(report: &CampaignReport) -> String {
    let header: Vec<&str> = ["window_days", "level"]
        .into_iter()
        .chain(CREDIT_COLUMNS)
        .chain(["value_share_low_90", "value_share_high_90"])
        .collect();
    let rows = report.windows.iter().flat_map(|window| {
        let levels = [
            ("note", &window.notes),
            ("creator", &window.creators),
            ("tier", &window.tiers),
            ("group", &window.groups),
            ("sales_channel", &window.sales_channels),
        ];
        levels.into_iter().flat_map(move |(level, comparison)| {
            comparison.iter().flat_map(comparison_rows).map(move |(cells, interval)| {
                let mut row = vec![window_days(window.days), level.to_owned()];
                row.extend(cells);
                let [low, high] = interval.map_or([String::new(), String::new()], |i| i.map(|e| e.to_string()));
                row.extend([low, high]);
                row
            })
        })
    });
    write_csv(&header, rows)
}

/// The commission ledger, one row per line, for finance to import.
pub fn ledger_csv(report: &MoneyReport) -> String {
    let header =
        ["date", "kol_id", "order_id", "order_line", "kind", "status", "rate", "share", "gross_amount", "amount"];
    let rows = report.ledger.iter().map(|l| {
        let kind = serde_json::to_value(l.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let status =
            serde_json::to_value(l.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        vec![
            l.date.clone(),
            l.kol_id.clone(),
            l.order_id.clone(),
            l.order_line.to_string(),
            kind,
            status,
            l.rate.to_string(),
            l.share.to_string(),
            l.gross_amount.to_string(),
            l.amount.to_string(),
        ]
    });
    write_csv(&header, rows)
}

/// Return-on-spend rows as CSV.
pub fn roi_csv(rows: &[crate::money::RoiRow]) -> String {
    let header = [
        "window_days",
        "level",
        "model",
        "channel",
        "cost",
        "net_value",
        "roas",
        "cost_per_order",
        "paid_commission",
        "earned_commission",
        "pay_gap",
    ];
    let cells = rows.iter().map(|r| {
        vec![
            window_days(r.days),
            r.level.clone(),
            r.model.name().to_owned(),
            r.channel.clone(),
            r.cost.to_string(),
            r.net_value.to_string(),
            r.roas.map(|x| x.to_string()).unwrap_or_default(),
            r.cost_per_order.map(|x| x.to_string()).unwrap_or_default(),
            r.paid_commission.to_string(),
            r.earned_commission.to_string(),
            r.pay_gap.to_string(),
        ]
    });
    write_csv(&header, cells)
}

/// Budget proposals, one row per window, model, method and tier.
pub fn budget_csv(report: &crate::budget::BudgetReport) -> String {
    let header = [
        "window_days",
        "model",
        "method",
        "tier",
        "current_spend",
        "proposed_spend",
        "change",
        "change_percent",
        "current_return",
        "expected_return",
        "marginal_return",
        "limit",
    ];
    let cells = report.plans.iter().flat_map(|plan| {
        plan.tiers.iter().map(move |t| {
            vec![
                window_days(plan.days),
                plan.model.name().to_owned(),
                plan.method.name().to_owned(),
                t.tier.clone(),
                t.current_spend.to_string(),
                t.proposed_spend.to_string(),
                t.change.to_string(),
                t.change_percent.map(|x| x.to_string()).unwrap_or_default(),
                t.current_return.to_string(),
                t.expected_return.to_string(),
                t.marginal_return.map(|x| x.to_string()).unwrap_or_default(),
                t.limit.map(|l| l.name().to_owned()).unwrap_or_default(),
            ]
        })
    });
    write_csv(&header, cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::paths::{CompareOptions, compare_paths};

    #[test]
    fn one_row_per_model_and_channel() {
        let text = "path,total_conversions,total_conversion_value\n\"=HYPERLINK(1) > B\",2,10\n";
        let csv = credits_csv(&compare_paths(text, &CompareOptions::default()).unwrap());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "model,channel,conversions,conversion_share,value,value_share,net_value,value_change,value_change_percent"
        );
        // Against last touch, which gave B everything: A gains all of it, from nothing.
        assert_eq!(lines[1], "first_touch,'=HYPERLINK(1),2,1,10.00,1,10.00,10.00,");
        assert_eq!(lines[2], "first_touch,B,0,0,0.00,0,0.00,-10.00,-100");
        assert_eq!(lines.len(), 1 + 6 * 2, "four rule-based models, markov and shapley");
    }
}
