//! Keeps `src/wasm.d.ts`, the TypeScript types of every object crossing the wasm boundary,
//! generated from the Rust types themselves, so the two cannot drift apart.

use ts_rs::TS;

use crate::bootstrap::Intervals;
use crate::budget::{
    BudgetMethod, BudgetOptions, BudgetPlan, BudgetReport, CurveShape, Disagreement, LimitHit, Metric, TierBudget,
    TierConstraint, TierProposal,
};
use crate::campaign::{CampaignInputs, CampaignOptions, ColumnOverrides};
use crate::catalogue::{Catalogue, Group, GroupInfo, ModelInfo, SettingInfo, ShorthandInfo, TextInfo};
use crate::compare::{
    Baseline, ChannelCredit, CompareOptions, Comparison, ModelUnattributed, PathWindows, PathsMarkov, Totals,
    WindowComparison,
};
use crate::decode::{DecodedText, TextEncoding};
use crate::error::{Problem, ProblemCode, Severity};
use crate::journey::{Level, Unattributed};
use crate::markov::{MarkovChain, RemovalEffect, Transition};
use crate::models::{Model, ModelOptions, TouchWeights};
use crate::money::{
    BonusRule, CreatorCost, LedgerLine, LineKind, LineStatus, MoneyOptions, MoneyReport, MoneyTotals, RoiRow, WeekTotal,
};
use crate::paths::{PathColumns, PathsOptions};
use crate::report::{
    CampaignReport, CreatorInfo, Levels, MarkovExport, PathsExport, ReportOptions, Summary, TierCount, WindowReport,
};
use crate::sample::{SampleCampaign, SampleOptions, TierTruth};
use crate::shapley::ShapleySummary;
use crate::sql::{Dialect, SqlOptions, SqlTables};
use crate::tier::TierSpec;
use crate::time::UtcOffset;
use crate::truth::TruthScore;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/wasm.d.ts");

fn declarations() -> String {
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test` (src/typescript.rs); do not edit.\n\
         // To regenerate: UPDATE_TYPES=1 cargo test --lib typescript\n",
    );
    let config = ts_rs::Config::new();
    for decl in [
        Model::decl(&config),
        TouchWeights::decl(&config),
        ModelOptions::decl(&config),
        Baseline::decl(&config),
        ModelUnattributed::decl(&config),
        Levels::decl(&config),
        PathColumns::decl(&config),
        PathsOptions::decl(&config),
        CompareOptions::decl(&config),
        Totals::decl(&config),
        ChannelCredit::decl(&config),
        RemovalEffect::decl(&config),
        Transition::decl(&config),
        MarkovChain::decl(&config),
        ShapleySummary::decl(&config),
        Comparison::decl(&config),
        WindowComparison::decl(&config),
        PathWindows::decl(&config),
        Severity::decl(&config),
        ProblemCode::decl(&config),
        Problem::decl(&config),
        TextEncoding::decl(&config),
        DecodedText::decl(&config),
        CampaignInputs::decl(&config),
        TierSpec::decl(&config),
        UtcOffset::decl(&config),
        ColumnOverrides::decl(&config),
        CampaignOptions::decl(&config),
        Level::decl(&config),
        Intervals::decl(&config),
        TruthScore::decl(&config),
        ReportOptions::decl(&config),
        MarkovExport::decl(&config),
        PathsMarkov::decl(&config),
        PathsExport::decl(&config),
        TierCount::decl(&config),
        Summary::decl(&config),
        CreatorInfo::decl(&config),
        Unattributed::decl(&config),
        WindowReport::decl(&config),
        CampaignReport::decl(&config),
        BonusRule::decl(&config),
        MoneyOptions::decl(&config),
        LineKind::decl(&config),
        LineStatus::decl(&config),
        LedgerLine::decl(&config),
        WeekTotal::decl(&config),
        CreatorCost::decl(&config),
        MoneyTotals::decl(&config),
        MoneyReport::decl(&config),
        RoiRow::decl(&config),
        Metric::decl(&config),
        BudgetMethod::decl(&config),
        CurveShape::decl(&config),
        TierConstraint::decl(&config),
        BudgetOptions::decl(&config),
        TierBudget::decl(&config),
        LimitHit::decl(&config),
        TierProposal::decl(&config),
        BudgetPlan::decl(&config),
        Disagreement::decl(&config),
        BudgetReport::decl(&config),
        SampleOptions::decl(&config),
        TierTruth::decl(&config),
        SampleCampaign::decl(&config),
        Dialect::decl(&config),
        SqlTables::decl(&config),
        SqlOptions::decl(&config),
        Group::decl(&config),
        TextInfo::decl(&config),
        ModelInfo::decl(&config),
        SettingInfo::decl(&config),
        ShorthandInfo::decl(&config),
        GroupInfo::decl(&config),
        Catalogue::decl(&config),
    ] {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[test]
fn wasm_types_are_current() {
    let expected = declarations();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(PATH, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == expected,
        "src/wasm.d.ts is out of date with the Rust types; run: UPDATE_TYPES=1 cargo test --lib typescript"
    );
}
